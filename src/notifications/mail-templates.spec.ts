import { NOTIFICATION_KINDS } from './notification-kinds';
import { escapeHtml, loadTemplates, MailTemplates, parseTemplate, renderNodes } from './mail-templates';

describe('mail templates', () => {
  it('fills values, lists and conditions; escapes every value in HTML only', () => {
    const nodes = parseTemplate('<b>{{name}}</b>{{#each rows}}[{{title}}/{{name}}]{{/each}}{{#if flag}}!{{/if}}{{#if empty}}?{{/if}}');
    const data = { name: '<甲&乙>', rows: [{ title: '"一"' }, { title: "'二'" }], flag: true, empty: [] };
    expect(renderNodes(nodes, [data], true)).toBe('<b>&lt;甲&amp;乙&gt;</b>[&quot;一&quot;/&lt;甲&amp;乙&gt;][&#39;二&#39;/&lt;甲&amp;乙&gt;]!');
    expect(renderNodes(nodes, [data], false)).toBe(`<b><甲&乙></b>["一"/<甲&乙>]['二'/<甲&乙>]!`);
  });

  it('refuses unbalanced blocks', () => {
    expect(() => parseTemplate('{{#each a}}x')).toThrow(/not closed/);
    expect(() => parseTemplate('x{{/if}}')).toThrow(/does not close/);
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('has a text and an HTML template for every kind, found from the project root', () => {
    expect([...loadTemplates().keys()].sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });

  it('renders a Chinese subject on one line and escapes a hostile title in HTML', () => {
    const mail = new MailTemplates().render('task_overdue', { unitName: '甲县交通运输局', title: '<script>x</script>\n标题', dueText: '2022年10月11日 24:00', overdueDays: 2, link: 'https://d.example/tasks/1' });
    expect(mail.subject).toBe('【督办提醒】整改任务已逾期 2 个工作日：<script>x</script> 标题（甲县交通运输局）');
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('已逾期：2 个工作日');
  });
});
