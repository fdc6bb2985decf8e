// Starting and stopping the web server: open and migrate the database, seed the demo plan into an
// empty database, create the first admin, listen, and shut down cleanly on Ctrl-C.
import type { Server } from 'node:http';
import { buildApp } from './app.ts';
import type { Config } from './config/config.ts';
import { seedDemoPlan } from './domains/plan/demo/seed-demo.ts';
import { systemActor } from './platform/audit/audit.service.ts';
import { openConfiguredDatabase } from './platform/db/startup.ts';
import type { Logger } from './platform/logging/logger.ts';
import { createServices, type Services } from './services.ts';

export interface RunningServer {
  server: Server;
  services: Services;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger, options: { seedDemo?: boolean } = {}): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config);
  try {
    logger.info({ database: database.describe }, 'database open');
    await database.migrate();
    const services = createServices({ config, database, logger });
    const planCount = (await services.plan.listPlans()).length;
    if (planCount === 0 && options.seedDemo !== false) {
      const seeded = await seedDemoPlan(database.db, systemActor);
      logger.info(seeded, 'empty database: loaded the demo plan');
    }
    if ((await services.auth.countUsers()) === 0) {
      // The first admin acts for the office's organisation when the demo registered one.
      const office = await services.organisations.office();
      const admin = await services.organisations.addUser({ email: 'admin@example.org', role: 'admin', displayName: 'First administrator', organisation: office?.orgId ?? null }, systemActor);
      // Printed once, on the first start only; never stored in clear.
      logger.warn(`First run: sign in at http://localhost:${config.port}/sign-in as ${admin.email} with the password ${admin.password} — then add named users with "npx safer user add".`);
    }
    const { app } = buildApp(services);
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://localhost:${port}`;
    logger.info(`Safer Places is serving ${url} (staff sign-in: ${url}/sign-in)`);
    let stopping: Promise<void> | null = null;
    return {
      server,
      services,
      url,
      stop() {
        stopping ??= (async () => {
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 3000).unref();
          });
          await database.close();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
