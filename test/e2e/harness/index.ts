/**
 * The real-n8n harness shared by the end-to-end tests (jest, ts-jest) and the demo (tsx).
 *
 * Environment:
 * - DIALOGPORTEN_N8N_CACHE_DIR: parent folder of the n8n installs (default ~/.cache/n8n-nodes-dialogporten)
 * - DIALOGPORTEN_N8N_VERSION: the n8n release (a folder of test/e2e/n8n-hosts/) used when a test
 *   names none (default: the newest)
 * - DIALOGPORTEN_E2E_VERSIONS_FILE: a file each prepared n8n appends its version to (the summary of
 *   `npm test` lists them)
 * - DIALOGPORTEN_E2E_VERBOSE=1: echo n8n's own output
 * - DIALOGPORTEN_E2E_KEEP=1: keep the temporary n8n user folders (their n8n-output.log) after the run
 */
import { appendFileSync } from 'node:fs';
import { ensureN8nHost, type N8nHost } from './host';
import { N8nInstance, type N8nInstanceOptions } from './n8n';
import { installPackage, packPackage, type PackedPackage } from './package';
import { defaultLogger, step, type Logger } from './progress';

export * from './exec';
export * from './host';
export * from './n8n';
export * from './package';
export * from './progress';
export * from './queue';
export * from './services';

export interface PreparedN8n {
	host: N8nHost;
	packed: PackedPackage;
	n8n: N8nInstance;
}

/**
 * A pinned n8n (installed once into the cache; `n8nVersion` names one of test/e2e/n8n-hosts/, the
 * default is the newest), a fresh user folder, and the built package installed in it as a
 * community package. The package must have been built (`npm run build`).
 */
export async function prepareN8n(
	options: Omit<N8nInstanceOptions, 'host'> & {
		log?: Logger;
		packed?: PackedPackage;
		n8nVersion?: string;
	} = {},
): Promise<PreparedN8n> {
	const { n8nVersion, ...instanceOptions } = options;
	const log = options.log ?? defaultLogger;
	const host = await ensureN8nHost(log, n8nVersion);
	log(`n8n ${host.n8nVersion} on Node ${host.nodeVersion} (${host.dir})`);
	if (process.env.DIALOGPORTEN_E2E_VERSIONS_FILE)
		appendFileSync(process.env.DIALOGPORTEN_E2E_VERSIONS_FILE, `${host.n8nVersion}\n`);
	const packed =
		options.packed ?? (await step(log, 'pack the built package (npm pack)', packPackage));
	const n8n = await N8nInstance.create({ ...instanceOptions, host, log });
	await installPackage(n8n.userFolder, packed);
	return { host, packed, n8n };
}
