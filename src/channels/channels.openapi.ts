import { ApiProperty } from '@nestjs/swagger';
import { CHANNEL_KINDS, ChannelKind } from './entities/channel.entity';

// Response schemas of /api/docs for channels (see common/openapi.ts).

export class Channel {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'GZ-C04-D-JT-WX' }) code: string;
  @ApiProperty() unitId: number;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind: ChannelKind;
  @ApiProperty({ example: '信丰交通' }) name: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ example: '微信订阅号', description: 'how reports name its platform' }) platformLabel: string;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
