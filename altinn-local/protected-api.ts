// A plain scope-protected API, standing in for any API behind Maskinporten (an agency's API,
// Altinn Storage, Notifications, ...): every method on every path under
// /protected-api/{scope}/ answers only a bearer token that verifies (signature, issuer, expiry,
// revocation) and carries the scope named in the path. The first path segment is the scope the
// API demands, so one endpoint serves every credential a test builds. It accepts Maskinporten and
// ID-porten tokens and Altinn tokens exchanged from them, and names the issuer in its answer, so a
// caller sees which token arrived; the token itself is never echoed.
import { principalFromClaims } from './auth';
import type { Context } from './context';
import {
	bearerToken,
	bodyJson,
	empty,
	json,
	type Request,
	type Response,
	type Router,
} from './http';

export const PROTECTED_API_PATH = '/protected-api';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export class ProtectedApi {
	constructor(private readonly ctx: Context) {}

	register(router: Router): void {
		for (const method of METHODS)
			router.add(method, `${PROTECTED_API_PATH}/{scope}/{path*}`, (req) => this.handle(req));
	}

	private async handle(req: Request): Promise<Response> {
		const scope = req.params.scope;
		const token = bearerToken(req);
		if (!token) return challenge(401, scope);
		// Not an Altinn service: the stand-in allows it no clock skew, so a token is refused from its
		// exp second on.
		const verified = await this.ctx.tokens.verify(token, ['maskinporten', 'idporten', 'altinn'], 0);
		if (!verified.ok) return challenge(401, scope, 'invalid_token', verified.reason);
		const principal = principalFromClaims(verified.value.issuer, token, verified.value.claims);
		// RFC 6750 section 3.1: a valid token without the scope the resource needs is a 403.
		if (!principal.scopes.has(scope))
			return challenge(403, scope, 'insufficient_scope', `The token lacks the scope ${scope}`);
		const body = bodyJson(req);
		this.ctx.counters.increment('protected-api.answered', principal.clientId ?? principal.issuer);
		return json(200, {
			method: req.method,
			path: `/${req.params.path}`,
			query: Object.fromEntries(req.query),
			body: body.ok ? body.value : req.body.toString('utf8'),
			caller: {
				issuer: principal.issuer,
				origin: principal.origin,
				clientId: principal.clientId,
				consumerOrg: principal.consumerOrg,
				supplierOrg: supplierOrg(principal.claims),
				systemUserId: principal.systemUser?.id,
				systemUserOwnerOrg: principal.systemUser?.ownerOrg,
				pid: principal.person?.pid,
				scopes: [...principal.scopes],
			},
		});
	}
}

function supplierOrg(claims: Record<string, unknown>): string | undefined {
	const supplier = claims.supplier as { ID?: unknown } | undefined;
	const id = typeof supplier?.ID === 'string' ? supplier.ID : undefined;
	return id?.replace(/^0192:/, '');
}

function challenge(
	status: 401 | 403,
	scope: string,
	error?: 'invalid_token' | 'insufficient_scope',
	description?: string,
): Response {
	const parts = [`Bearer scope="${scope}"`];
	if (error) parts.push(`error="${error}"`);
	if (description) parts.push(`error_description="${description.replace(/"/g, "'")}"`);
	return empty(status, { 'www-authenticate': parts.join(', ') });
}
