/**
 * A Dialogporten search on loopback that pages the way a misbehaving server could: normally, by
 * repeating a continuation token, by handing out new tokens without end, or by repeating items on
 * a later page. Credentials point their Dialogporten URL at it (the token comes from the stand-in;
 * this server does not check it). It records every request it receives.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PagingBehaviour =
	/** 5 items over pages of `limit`, then the last page. */
	| 'normal'
	/** The second page gives the first page's token again. */
	| 'repeatedToken'
	/** Every page has new items and a new token, without end. */
	| 'endless'
	/** The second page starts with the last item of the first page. */
	| 'repeatedItems'
	/** The second page is empty but says more follow, with a new token. */
	| 'emptyPage';

export class PagingSystem {
	behaviour: PagingBehaviour = 'normal';
	readonly requests: URL[] = [];
	private server?: Server;

	/** Starts on a free port of 127.0.0.1; resolves to the base URL to use as Dialogporten URL. */
	async start(): Promise<string> {
		this.server = createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			this.requests.push(url);
			if (!url.pathname.endsWith('/dialogs')) {
				res.writeHead(404).end();
				return;
			}
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify(this.page(url)));
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/dialogporten`;
	}

	async stop(): Promise<void> {
		await new Promise((resolve) => this.server?.close(resolve));
	}

	/** Search requests received since the last reset. */
	get pages(): number {
		return this.requests.length;
	}

	reset(behaviour: PagingBehaviour): void {
		this.behaviour = behaviour;
		this.requests.length = 0;
	}

	private page(url: URL) {
		const limit = Number(url.searchParams.get('limit') ?? 100);
		const token = url.searchParams.get('continuationToken');
		const start = token ? Number(token.split('-')[1]) : 0;
		const dialog = (n: number) => ({
			id: `0194b9a4-0000-7000-8000-${String(n).padStart(12, '0')}`,
			party: 'urn:altinn:organization:identifier-no:310000051',
			status: 'InProgress',
		});
		let first = start;
		if (this.behaviour === 'repeatedItems' && start > 0) first = start - 1;
		const count = this.behaviour === 'emptyPage' && start > 0 ? 0 : limit;
		const total = this.behaviour === 'normal' || this.behaviour === 'repeatedItems' ? 5 : Infinity;
		const items = Array.from({ length: Math.max(0, Math.min(count, total - first)) }, (_, i) =>
			dialog(first + i),
		);
		const end = start + limit;
		const hasNextPage = end < total;
		const nextToken =
			this.behaviour === 'repeatedToken' && start > 0 ? (token as string) : `page-${end}`;
		return {
			items,
			hasNextPage,
			continuationToken: hasNextPage ? nextToken : null,
			orderBy: 'contentupdatedat_desc,id_desc',
		};
	}
}
