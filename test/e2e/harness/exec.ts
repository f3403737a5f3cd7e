import { spawn, type SpawnOptions } from 'node:child_process';

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Receives output lines as they arrive (progress of long commands). */
	onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

/** Runs a command to completion without a shell and collects its output; never reads stdin. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const spawnOptions: SpawnOptions = {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		};
		const child = spawn(command, args, spawnOptions);
		let stdout = '';
		let stderr = '';
		const partial = { stdout: '', stderr: '' };
		const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			if (stream === 'stdout') stdout += text;
			else stderr += text;
			if (!options.onLine) return;
			const lines = (partial[stream] + text).split('\n');
			partial[stream] = lines.pop() ?? '';
			for (const line of lines) options.onLine(line, stream);
		};
		child.stdout?.on('data', collect('stdout'));
		child.stderr?.on('data', collect('stderr'));
		let timedOut = false;
		const timer = options.timeoutMs
			? setTimeout(() => {
					timedOut = true;
					child.kill('SIGKILL');
				}, options.timeoutMs)
			: undefined;
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(new Error(`could not run ${command}: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			if (options.onLine) {
				for (const stream of ['stdout', 'stderr'] as const)
					if (partial[stream]) options.onLine(partial[stream], stream);
			}
			if (timedOut) {
				reject(
					new Error(
						`${command} ${args.join(' ')} did not finish within ${options.timeoutMs} ms\n${tail(stdout + stderr)}`,
					),
				);
				return;
			}
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/** Like `run`, but a non-zero exit is an error that shows the end of the command's output. */
export async function runChecked(
	command: string,
	args: string[],
	options: RunOptions = {},
): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(
			`${commandLine(command, args)} exited with ${result.code ?? result.signal}\n${tail(result.stdout + '\n' + result.stderr)}`,
		);
	}
	return result;
}

export function commandLine(command: string, args: string[]): string {
	return [command, ...args]
		.map((part) => (/\s/.test(part) ? JSON.stringify(part) : part))
		.join(' ');
}

/** The last lines of some output, for error messages. */
export function tail(text: string, lines = 40): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}
