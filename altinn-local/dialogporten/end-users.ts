// Who a dialog is shown to or changed for: the calling end user, or the end user a service owner
// names in `endUserId`/`enduserId`.
import {
	endUserActorId,
	endUserName,
	endUserParties,
	personByPid,
	type PartyGrant,
	type Principal,
} from '../auth';
import { orgUrn, personUrn, systemUsers } from '../fixtures';
import type { Schemas } from './model';
import type { Operation } from './operation';
import type { Viewer } from './views';

export interface NamedEndUser {
	grants: PartyGrant[];
	actorId: string;
	name: string;
}

export function endUserViewer(p: Principal): Viewer {
	return { grants: endUserParties(p), actorId: endUserActorId(p), endUser: true };
}

export function endUserActor(p: Principal): Schemas['V1ServiceOwnerCommonActors_Actor'] {
	return {
		actorType: 'PartyRepresentative',
		actorId: endUserActorId(p),
		actorName: endUserName(p),
	};
}

/**
 * Resolves `endUserId`/`enduserId` (a person or system user URN) to that end user's grants.
 * Undefined when absent; an error text when it names no one.
 */
export function endUserFromQuery(op: Operation, name: string): NamedEndUser | string | undefined {
	const raw = (op.query[name] as string | undefined) ?? op.req.query.get(name) ?? undefined;
	if (raw === undefined || raw === '') return undefined;
	const m = /^urn:altinn:person:identifier-no:(\d{11})$/.exec(raw);
	const person = m ? personByPid(m[1]) : undefined;
	if (!person) {
		const su = Object.values(systemUsers).find((s) => raw === `urn:altinn:systemuser:uuid:${s.id}`);
		if (su)
			return {
				grants: [
					{ party: orgUrn(su.ownerOrg), resources: su.resources, roles: [], viaRole: false },
				],
				actorId: raw,
				name: `System user ${su.systemId}`,
			};
		return m
			? `Unknown end user '${raw}'.`
			: `${name} must be a person URN (urn:altinn:person:identifier-no:<national identity number>).`;
	}
	return {
		grants: [
			{ party: personUrn(person.pid), resources: '*', roles: ['PRIV'], viaRole: true },
			...person.access.map((a) => ({
				party: a.party,
				resources: a.resources,
				roles: a.roles,
				viaRole: true,
			})),
		],
		actorId: personUrn(person.pid),
		name: person.name,
	};
}

/** A service owner's view, as the end user named in `endUserId` (if any) would see it. */
export function serviceOwnerViewer(op: Operation): Viewer | string {
	const user = endUserFromQuery(op, 'endUserId');
	if (typeof user === 'string') return user;
	return user ? { grants: user.grants, actorId: user.actorId, endUser: false } : { endUser: false };
}
