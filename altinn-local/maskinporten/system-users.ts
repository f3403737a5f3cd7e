// The system-user grant (`authorization_details` of type urn:altinn:systemuser): one party per
// grant, the owning organisation and, when the system user has one, its externalRef; answered with
// the system user's id in the token, as Maskinporten does.
import { systemUsers, type MaskinportenClient, type SystemUser } from '../fixtures';
import { GrantError } from './errors';

const ISO6523 = 'iso6523-actorid-upis';
const SYSTEM_USERS: SystemUser[] = Object.values(systemUsers);

/** The token's `authorization_details` for the grant's system-user request; throws MP-301/302/303. */
export function systemUserDetails(
	client: MaskinportenClient,
	value: unknown,
): Record<string, unknown> {
	const rar = (error: string, code: string, text: string) => new GrantError(400, error, code, text);
	if (!Array.isArray(value) || value.length !== 1 || !value[0] || typeof value[0] !== 'object') {
		throw rar(
			'invalid_authorization_details',
			'MP-303',
			'Invalid authorization details values: exactly one authorization_details entry is supported (one party per grant)',
		);
	}
	const entry = value[0] as Record<string, unknown>;
	if (entry.type !== 'urn:altinn:systemuser')
		throw rar(
			'invalid_authorization_details',
			'MP-301',
			`Unknown authorization details type '${String(entry.type)}'`,
		);
	const unknownFields = Object.keys(entry).filter(
		(k) => !['type', 'systemuser_org', 'externalRef'].includes(k),
	);
	if (unknownFields.length)
		throw rar(
			'invalid_authorization_details',
			'MP-302',
			`Unknown fields in the authorization details: ${unknownFields.join(', ')}`,
		);
	const org = entry.systemuser_org as Record<string, unknown> | undefined;
	const id = typeof org?.ID === 'string' ? org.ID : undefined;
	if (!org || org.authority !== ISO6523 || !id || !/^0192:\d{9}$/.test(id)) {
		throw rar(
			'invalid_authorization_details',
			'MP-303',
			`Invalid authorization details values: systemuser_org must be {"authority":"${ISO6523}","ID":"0192:<orgno>"}`,
		);
	}
	if (
		entry.externalRef !== undefined &&
		(typeof entry.externalRef !== 'string' ||
			!/^[a-zA-Z0-9øØæÆåÅ_-]{1,255}$/.test(entry.externalRef))
	) {
		throw rar(
			'invalid_authorization_details',
			'MP-302',
			'Invalid authorization details values: externalRef has invalid characters or length',
		);
	}
	const orgNumber = id.slice(5);
	const externalRef = entry.externalRef as string | undefined;
	const systemUser = SYSTEM_USERS.find(
		(su) =>
			su.systemId === client.systemId &&
			su.ownerOrg === orgNumber &&
			(su.externalRef ?? undefined) === externalRef,
	);
	if (!client.systemId || !systemUser) {
		throw rar(
			'invalid_altinn_customer_configuration',
			'MP-303',
			'Invalid authorization details values: no system user found for this client, systemuser_org and externalRef',
		);
	}
	const details: Record<string, unknown> = {
		type: 'urn:altinn:systemuser',
		systemuser_org: { authority: ISO6523, id: `0192:${orgNumber}` },
		systemuser_id: [systemUser.id],
		system_id: systemUser.systemId,
	};
	if (systemUser.externalRef) details.externalRef = systemUser.externalRef;
	return details;
}
