/**
 * The output audit every real-n8n test file ends with: nothing n8n printed (its own output and the
 * output of `n8n execute`, in the user folder's `n8n-output.log`, and the event logs n8n writes in
 * `.n8n/`) and no execution data n8n stored (every execution, with data, through the public API)
 * may hold a key or a token. What counts as a secret: see test/support/secret-scan.ts; here the
 * tokens are those of the stand-ins the file started, asked after the file's tests ran.
 *
 * Usage: `const audit = new OutputAudit();`, `audit.watch(local)` for each stand-in the file starts,
 * and at the end of the file `auditOutputs(audit, () => [ctx?.n8n])`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AltinnLocal } from '../../../altinn-local';
import type { N8nInstance } from '../harness';
import {
	fixtureSecrets,
	issuedTokenSecrets,
	scanForSecrets,
	type Finding,
	type ScanSource,
	type Secret,
} from '../../support/secret-scan';
import { OWNER, e2eLog } from './harness';

type Owner = { email: string; password: string };

export class OutputAudit {
	private readonly standIns: Array<{ name: string; local: AltinnLocal }> = [];
	private readonly sources: ScanSource[] = [];
	private readonly extraSecrets: Secret[] = [];
	private executions = 0;

	/** Every token this stand-in issues (until the audit runs) is a secret. Returns the stand-in. */
	watch(local: AltinnLocal, name = `stand-in at ${local.baseUrl}`): AltinnLocal {
		this.standIns.push({ name, local });
		return local;
	}

	/** A secret a test came to know (e.g. the secret in an Altinn Events subscription's endpoint). */
	addSecret(label: string, value: string): void {
		this.extraSecrets.push({ label, value });
	}

	/** Other output to check, e.g. what a child process printed. */
	addOutput(name: string, text: string): void {
		this.sources.push({ name, text });
	}

	/**
	 * Reads what one n8n printed and every execution it stored. n8n is started for this when it is
	 * not running (and stopped again), and logged in as `owner` when it has no session.
	 */
	async collect(n8n: N8nInstance, owner: Owner = OWNER): Promise<void> {
		const startedHere = !n8n.running;
		if (startedHere) await n8n.start();
		try {
			if (!n8n.loggedIn) await n8n.login(owner.email, owner.password);
			const apiKey = n8n.apiKey ?? (await n8n.createApiKey('output-audit'));
			for (const execution of await n8n.allExecutions<{ id: string; workflowId?: string }>(
				apiKey,
				true,
			)) {
				this.executions++;
				this.sources.push({
					name: `execution ${execution.id} of workflow ${execution.workflowId ?? '?'} (${n8n.userFolder})`,
					text: JSON.stringify(execution),
				});
			}
		} finally {
			if (startedHere) await n8n.stop();
		}
		for (const file of n8nLogFiles(n8n))
			this.sources.push({ name: file, text: readFileSync(file, 'utf8') });
	}

	secrets(): Secret[] {
		return [
			...fixtureSecrets(),
			...this.extraSecrets,
			...this.standIns.flatMap(({ name, local }) =>
				issuedTokenSecrets(local.tokens.issued(), name),
			),
		];
	}

	findings(): Finding[] {
		return scanForSecrets(this.sources, this.secrets());
	}

	summary(): string {
		const tokens = this.standIns.reduce((sum, { local }) => sum + local.tokens.issued().length, 0);
		const chars = this.sources.reduce((sum, source) => sum + source.text.length, 0);
		return `${this.sources.length} outputs (${this.executions} executions, ${(chars / 1024).toFixed(0)} KiB) checked for ${this.secrets().length} secrets (${tokens} tokens issued by ${this.standIns.length} stand-in(s), dialog tokens excepted)`;
	}
}

/** n8n's own output file of this harness, and the event logs n8n writes into `.n8n/`. */
function n8nLogFiles(n8n: N8nInstance): string[] {
	const files = existsSync(n8n.logFile) ? [n8n.logFile] : [];
	const dotN8n = path.join(n8n.userFolder, '.n8n');
	if (existsSync(dotN8n)) {
		for (const file of readdirSync(dotN8n))
			if (file.endsWith('.log')) files.push(path.join(dotN8n, file));
	}
	return files;
}

/**
 * Declares the file's last test: collects what each n8n instance printed and stored, and expects
 * no secret in it. Call it at the end of the file (after every describe block), so it runs last.
 */
export function auditOutputs(
	audit: OutputAudit,
	instances: () => Array<N8nInstance | undefined>,
	owner: Owner = OWNER,
): void {
	test('nothing n8n printed or stored as execution data holds a key or a token', async () => {
		for (const n8n of instances()) if (n8n) await audit.collect(n8n, owner);
		const findings = audit.findings();
		e2eLog(`output audit: ${audit.summary()}; ${findings.length} finding(s)`);
		expect(findings).toEqual([]);
	}, 180_000);
}
