// Who is calling: turns a verified bearer token (Maskinporten, ID-porten or Altinn) into a
// principal with scopes, the consumer organisation, the service-owner code, the person or the
// system user, and the parties that principal may act for.
import type { Context } from './context';
import {
	orgUrn,
	organizations,
	persons,
	personUrn,
	systemUsers,
	type Person,
	type SystemUser,
} from './fixtures';
import { bearerToken, empty, type Request, type Response } from './http';
import type { IssuerName } from './tokens';

export interface Principal {
	issuer: IssuerName;
	/** The identity provider behind the token (an Altinn token keeps the one it was exchanged from). */
	origin: 'maskinporten' | 'idporten';
	token: string;
	claims: Record<string, unknown>;
	scopes: Set<string>;
	clientId?: string;
	/** Organisation number in the `consumer` claim. */
	consumerOrg?: string;
	/** Service-owner code of the consumer organisation, when it is a registered service owner. */
	serviceOwnerCode?: string;
	person?: Person;
	systemUser?: SystemUser;
	/** Authentication level (3 for Maskinporten, from `acr` for ID-porten). */
	authLevel: number;
}

export interface PartyGrant {
	party: string;
	/** Service resources (URNs) the principal may access for the party, or '*'. */
	resources: '*' | string[];
	roles: string[];
	viaRole: boolean;
}

const personsByPid = new Map<string, Person>(Object.values(persons).map((p) => [p.pid, p]));
const systemUsersById = new Map<string, SystemUser>(
	Object.values(systemUsers).map((s) => [s.id, s]),
);
export const serviceOwnerCodes = new Map<string, string>(
	Object.values(organizations).flatMap((o) =>
		'serviceOwnerCode' in o && o.serviceOwnerCode
			? [[o.orgNumber, o.serviceOwnerCode] as [string, string]]
			: [],
	),
);
export const serviceOwnerOrgNumbers = new Map<string, string>(
	[...serviceOwnerCodes].map(([orgNumber, code]) => [code, orgNumber]),
);

export function personByPid(pid: string): Person | undefined {
	return personsByPid.get(pid);
}

function orgFromIso6523(value: unknown): string | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const v = value as Record<string, unknown>;
	const id = (v.ID ?? v.id) as unknown;
	if (v.authority !== 'iso6523-actorid-upis' || typeof id !== 'string') return undefined;
	const m = /^0192:(\d{9})$/.exec(id);
	return m?.[1];
}

export function principalFromClaims(
	issuer: IssuerName,
	token: string,
	claims: Record<string, unknown>,
): Principal {
	const scopes = new Set(
		typeof claims.scope === 'string' ? claims.scope.split(/\s+/).filter(Boolean) : [],
	);
	const consumerOrg = orgFromIso6523(claims.consumer);
	const pid = typeof claims.pid === 'string' ? claims.pid : undefined;
	let systemUser: SystemUser | undefined;
	const details = Array.isArray(claims.authorization_details) ? claims.authorization_details : [];
	for (const d of details) {
		const entry = d as Record<string, unknown>;
		if (entry.type === 'urn:altinn:systemuser' && Array.isArray(entry.systemuser_id))
			systemUser = systemUsersById.get(String(entry.systemuser_id[0]));
	}
	const origin: Principal['origin'] =
		issuer === 'idporten' ||
		(issuer === 'altinn' && claims['urn:altinn:authenticatemethod'] !== 'maskinporten')
			? 'idporten'
			: 'maskinporten';
	const acr = claims.acr;
	const authLevel =
		typeof claims['urn:altinn:authlevel'] === 'number'
			? (claims['urn:altinn:authlevel'] as number)
			: acr === 'idporten-loa-high'
				? 4
				: 3;
	return {
		issuer,
		origin,
		token,
		claims,
		scopes,
		clientId: typeof claims.client_id === 'string' ? claims.client_id : undefined,
		consumerOrg,
		serviceOwnerCode: consumerOrg ? serviceOwnerCodes.get(consumerOrg) : undefined,
		person: pid ? personsByPid.get(pid) : undefined,
		systemUser,
		authLevel,
	};
}

/** 401 the way ASP.NET's JwtBearer handler answers: no body, a `WWW-Authenticate` challenge. */
export function unauthorized(reason?: string): Response {
	const challenge = reason
		? `Bearer error="invalid_token", error_description="${reason.replace(/"/g, "'")}"`
		: 'Bearer';
	return empty(401, { 'www-authenticate': challenge });
}

/** The caller of a service that accepts tokens of `accepted` issuers, with that service's clock skew. */
export async function authenticate(
	ctx: Context,
	req: Request,
	accepted: IssuerName[],
	clockSkewSeconds: number,
): Promise<Principal | Response> {
	const token = bearerToken(req);
	if (!token) return unauthorized();
	const result = await ctx.tokens.verify(token, accepted, clockSkewSeconds);
	if (!result.ok) return unauthorized(result.reason);
	return principalFromClaims(result.value.issuer, token, result.value.claims);
}

/** Parties an end user (a person, or a system user) may act for, with the resources per party. */
export function endUserParties(principal: Principal): PartyGrant[] {
	if (principal.person) {
		return [
			{ party: personUrn(principal.person.pid), resources: '*', roles: ['PRIV'], viaRole: true },
			...principal.person.access.map((a) => ({
				party: a.party,
				resources: a.resources,
				roles: a.roles,
				viaRole: true,
			})),
		];
	}
	if (principal.systemUser)
		return [
			{
				party: orgUrn(principal.systemUser.ownerOrg),
				resources: principal.systemUser.resources,
				roles: [],
				viaRole: false,
			},
		];
	return [];
}

export function canAccess(
	grants: PartyGrant[],
	party: string,
	resource: string,
): PartyGrant | undefined {
	return grants.find(
		(g) => g.party === party && (g.resources === '*' || g.resources.includes(resource)),
	);
}

/** The actor id of an end user, as Dialogporten records it in seen logs and label logs. */
export function endUserActorId(principal: Principal): string | undefined {
	if (principal.person) return personUrn(principal.person.pid);
	if (principal.systemUser) return `urn:altinn:systemuser:uuid:${principal.systemUser.id}`;
	return undefined;
}

export function endUserName(principal: Principal): string | undefined {
	if (principal.person) return principal.person.name;
	if (principal.systemUser) return `System user ${principal.systemUser.systemId}`;
	return undefined;
}
