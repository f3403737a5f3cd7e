// Dialog lookup by instance reference (dialog, correspondence or Altinn app instance id).
import { canAccess, endUserParties, serviceOwnerOrgNumbers } from '../../auth';
import { organizations, resources } from '../../fixtures';
import { empty, type Response } from '../../http';
import { endUser, serviceOwner, type Operation, type OperationTable } from '../operation';

function lookup(op: Operation, asEndUser: boolean): Response {
	const ref = String(op.query.instanceRef ?? '');
	const m =
		/^urn:altinn:dialog-id:([0-9a-f-]{36})$/i.exec(ref) ??
		/^urn:altinn:correspondence-id:([0-9a-f-]{36})$/i.exec(ref) ??
		/^urn:altinn:instance-id:(\d+)\/([0-9a-f-]{36})$/i.exec(ref);
	if (!m)
		return op.problem(
			400,
			'InstanceRef must be urn:altinn:dialog-id:{uuid}, urn:altinn:correspondence-id:{uuid} or urn:altinn:instance-id:{partyId}/{uuid}.',
			{ instanceRef: ['Invalid instance reference.'] },
		);
	const id = ref.startsWith('urn:altinn:instance-id:') ? undefined : m[1].toLowerCase();
	const d = id ? op.store.get(id) : undefined;
	if (
		!d ||
		(ref.startsWith('urn:altinn:correspondence-id:') &&
			!d.details.apiActions.some((a) =>
				a.endpoints.some((e) => e.url.includes(`/correspondence/api/v1/correspondence/${d.id}/`)),
			))
	) {
		return op.problem(404, `No dialog found for instance reference '${ref}'.`);
	}
	const resource = Object.values(resources).find((r) => r.urn === d.serviceResource);
	const owner = serviceOwnerOrgNumbers.get(d.org);
	const base = {
		dialogId: d.id,
		instanceRef: ref.startsWith('urn:altinn:dialog-id:') ? `urn:altinn:dialog-id:${d.id}` : ref,
		party: d.party,
		title: d.details.content?.title.value,
		nonSensitiveTitle: d.details.content?.nonSensitiveTitle?.value,
		serviceResource: {
			id: d.serviceResource,
			isDelegable: resource?.isDelegable ?? false,
			minimumAuthenticationLevel: resource?.minimumAuthenticationLevel ?? 3,
			name: resource
				? [
						{ languageCode: 'nb', value: resource.name.nb },
						{ languageCode: 'nn', value: resource.name.nn },
						{ languageCode: 'en', value: resource.name.en },
					]
				: [],
		},
		serviceOwner: {
			code: d.org,
			orgNumber: owner ?? '',
			name: [
				{
					languageCode: 'nb',
					value: Object.values(organizations).find((o) => o.orgNumber === owner)?.name ?? d.org,
				},
			],
		},
	};
	if (!asEndUser) {
		if (d.org !== op.principal.serviceOwnerCode) return empty(403);
		return op.ok('V1CommonIdentifierLookup_ServiceOwnerIdentifierLookup', base);
	}
	if (d.deletedAt !== undefined)
		return op.problem(404, `No dialog found for instance reference '${ref}'.`);
	const grant = canAccess(endUserParties(op.principal), d.party, d.serviceResource);
	if (!grant) return empty(403);
	const baseUrl = op.state.ctx.baseUrl;
	return op.ok('V1CommonIdentifierLookup_EndUserIdentifierLookup', {
		...base,
		authorizationEvidence: {
			currentAuthenticationLevel: op.principal.authLevel,
			viaRole: grant.viaRole,
			viaAccessPackage: false,
			viaResourceDelegation: !grant.viaRole,
			viaInstanceDelegation: false,
			evidence: grant.viaRole
				? grant.roles.map((role) => ({
						grantType: 'Role',
						subject: `urn:altinn:rolecode:${role}`,
						name: [{ languageCode: 'nb', value: role }],
						links: { metadata: `${baseUrl}/accessmanagement/api/v1/meta/roles/${role}` },
					}))
				: [{ grantType: 'ResourceDelegation', subject: d.serviceResource }],
		},
	});
}

export const lookupOperations = {
	V1EndUserDialogLookupQueriesGet_DialogLookup: endUser((op) => lookup(op, true)),
	V1ServiceOwnerDialogLookupQueriesGet_DialogLookup: serviceOwner((op) => lookup(op, false)),
} satisfies OperationTable;
