// The end user's parties and the service resources they may use.
import { endUserParties } from '../../auth';
import { orgUrn, organizations, personUrn, resources } from '../../fixtures';
import { uuidv4 } from '../model';
import { endUser, type OperationTable } from '../operation';
import { serviceResourceItem } from '../views';

function organizationParty(orgNumber: string, extra: Record<string, unknown>) {
	const org = Object.values(organizations).find((o) => o.orgNumber === orgNumber);
	return {
		party: orgUrn(orgNumber),
		partyUuid: org?.partyUuid ?? uuidv4(),
		partyId: org?.partyId ?? 0,
		name: org?.name ?? orgNumber,
		partyType: 'Organization',
		isDeleted: false,
		hasOnlyAccessToSubParties: false,
		isCurrentEndUser: false,
		subParties: [],
		...extra,
	};
}

export const partyOperations = {
	V1EndUserAccessManagementQueriesGetParties_Parties: endUser((op) => {
		const p = op.principal;
		let authorizedParties: unknown[];
		if (p.person) {
			const person = p.person;
			authorizedParties = [
				{
					party: personUrn(person.pid),
					partyUuid: person.partyUuid,
					partyId: person.partyId,
					name: person.name,
					partyType: 'Person',
					dateOfBirth: person.dateOfBirth,
					isDeleted: false,
					hasKeyRole: false,
					isMainAdministrator: false,
					isAccessManager: true,
					isCurrentEndUser: true,
					hasOnlyAccessToSubParties: false,
					subParties: [],
				},
				...person.access.map((a) =>
					organizationParty(a.party.split(':').pop() as string, {
						hasKeyRole: a.hasKeyRole,
						isMainAdministrator: a.isMainAdministrator,
						isAccessManager: a.isAccessManager,
					}),
				),
			];
		} else {
			authorizedParties = [
				organizationParty(p.systemUser!.ownerOrg, {
					hasKeyRole: false,
					isMainAdministrator: false,
					isAccessManager: false,
				}),
			];
		}
		return op.ok('V1AccessManagementQueriesGetParties_Parties', { authorizedParties });
	}),

	V1EndUserServiceResourcesSearch_AuthorizedServiceResources: endUser((op) => {
		const grants = endUserParties(op.principal);
		const parties = (op.query.party as string[] | undefined) ?? grants.map((g) => g.party);
		const ids = new Set<string>();
		for (const party of parties) {
			const g = grants.find((x) => x.party === party);
			if (!g) continue;
			for (const r of Object.values(resources))
				if (g.resources === '*' || g.resources.includes(r.urn)) ids.add(r.urn);
		}
		const items = [...ids].map((id) => serviceResourceItem(id, op.state.ctx.baseUrl));
		return op.ok('V1EndUserServiceResourcesQueriesSearch_AuthorizedServiceResources', {
			items,
			isFullCatalogueFallback: false,
		});
	}),
} satisfies OperationTable;
