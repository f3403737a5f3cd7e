/**
 * A service owner's system on loopback that records every request it receives (path and headers)
 * and answers `{"ok":true}`, or redirects requests under /redirect to `redirectTo`. Tests point a
 * dialog's URLs at it to see which token, if any, reaches a host.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class RecordingSystem {
	readonly received: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
	redirectTo?: string;
	private server?: Server;

	/** Starts on a free port of 127.0.0.1; resolves to its base URL. */
	async start(): Promise<string> {
		this.server = createServer((req, res) => {
			this.received.push({ path: req.url ?? '', headers: req.headers });
			if (req.url?.startsWith('/redirect') && this.redirectTo) {
				res.writeHead(302, { location: this.redirectTo }).end();
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		await new Promise((resolve) => this.server?.close(resolve));
	}
}
