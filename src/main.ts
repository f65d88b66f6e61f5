import { ConfigError, loadConfig } from './config/config';
import { createHttpApp, createWorkerApp } from './app';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      // One line naming the variable and what it expects; nothing else starts.
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  if (config.appRole === 'worker') {
    await createWorkerApp(config);
    return;
  }
  const app = await createHttpApp(config);
  await app.listen(config.port);
}

void bootstrap();
