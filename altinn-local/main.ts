// `npm run altinn-local`: starts the stand-in and prints one JSON line with its base URLs when it is
// ready. Environment: ALTINN_LOCAL_PORT (default 7780), ALTINN_LOCAL_SEED_DIALOGS (default 50),
// ALTINN_LOCAL_TIME_SCALE (default 1), ALTINN_LOCAL_FAULTS (JSON fault rules),
// ALTINN_LOCAL_IDPORTEN_AUTO_CONSENT (a national identity number: skip the login page),
// ALTINN_LOCAL_LOG=1 (log requests to stderr).
import { startAltinnLocal } from './index';

async function main(): Promise<void> {
	const timeScale = process.env.ALTINN_LOCAL_TIME_SCALE
		? Number(process.env.ALTINN_LOCAL_TIME_SCALE)
		: undefined;
	const local = await startAltinnLocal({ timeScale, quiet: process.env.ALTINN_LOCAL_LOG !== '1' });
	process.stdout.write(
		`${JSON.stringify({ ready: true, baseUrl: local.baseUrl, ...local.urls })}\n`,
	);
	const stop = () => {
		local.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	process.stderr.write(`altinn-local failed to start: ${(e as Error).message}\n`);
	process.exit(1);
});
