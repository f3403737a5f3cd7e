/**
 * The real-n8n harness shared by the end-to-end tests (jest, ts-jest) and the demo (tsx).
 *
 * Environment:
 * - DIALOGPORTEN_N8N_CACHE_DIR: parent folder of the n8n install (default ~/.cache/n8n-nodes-dialogporten)
 * - DIALOGPORTEN_E2E_VERBOSE=1: echo n8n's own output
 * - DIALOGPORTEN_E2E_KEEP=1: keep the temporary n8n user folders (their n8n-output.log) after the run
 */
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
 * The pinned n8n (installed once into the cache), a fresh user folder, and the built package
 * installed in it as a community package. The package must have been built (`npm run build`).
 */
export async function prepareN8n(
	options: Omit<N8nInstanceOptions, 'host'> & { log?: Logger; packed?: PackedPackage } = {},
): Promise<PreparedN8n> {
	const log = options.log ?? defaultLogger;
	const host = await ensureN8nHost(log);
	const packed =
		options.packed ?? (await step(log, 'pack the built package (npm pack)', packPackage));
	const n8n = await N8nInstance.create({ ...options, host, log });
	await installPackage(n8n.userFolder, packed);
	return { host, packed, n8n };
}
