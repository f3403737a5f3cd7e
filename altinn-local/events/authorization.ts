// Who may subscribe to and receive which events: service owners for their own resources, everyone
// else for the parties they may act for.
import { canAccess, endUserParties, type Principal } from '../auth';
import { orgUrn, resources } from '../fixtures';

export const SCOPE = 'altinn:events.subscribe';

/** The subscription consumer a caller is: `/org/<code>`, `/user/<id>`, `/systemuser/<id>` or `/organisation/<orgno>`. */
export function consumerOf(p: Principal): string {
	const org = p.claims['urn:altinn:org'];
	if (typeof org === 'string') return `/org/${org}`;
	if (p.claims['urn:altinn:userid'] !== undefined)
		return `/user/${String(p.claims['urn:altinn:userid'])}`;
	if (p.systemUser) return `/systemuser/${p.systemUser.id}`;
	return `/organisation/${p.consumerOrg}`;
}

function grantsOf(consumer: string, p?: Principal) {
	if (p) {
		const parties = endUserParties(p);
		if (parties.length) return parties;
	}
	const m = /^\/organisation\/(\d{9})$/.exec(consumer);
	return m ? [{ party: orgUrn(m[1]), resources: '*' as const, roles: [], viaRole: false }] : [];
}

/** The XACML `subscribe` decision, modelled: service owners for their own resources, others for parties they can act for. */
export function authorized(
	consumer: string,
	resource: string,
	subject: string | undefined,
	p?: Principal,
): boolean {
	const org = /^\/org\/(.+)$/.exec(consumer);
	if (org) {
		const r = Object.values(resources).find((x) => x.urn === resource);
		return !!r && r.owner === org[1];
	}
	if (subject === undefined) return false;
	if (subject === '') return true;
	return !!canAccess(grantsOf(consumer, p), subject, resource);
}
