/**
 * What the node says about a failed request, by HTTP status: the wording of Dialogporten's
 * statuses, of the service owner's own systems (action endpoints, content URLs), and the hints
 * particular operations pass to the request through `errorHints`.
 */

interface StatusWording {
	message: string;
	/** Added to the error's description whenever Dialogporten answers this status. */
	hint?: string;
}

const DIALOGPORTEN: Record<number, StatusWording> = {
	400: { message: 'Dialogporten rejected the request as invalid' },
	401: { message: 'Authentication failed: the token was missing, expired or not accepted' },
	403: {
		message:
			'Forbidden: the credential is not allowed to do this (check scopes, party access or service resource ownership)',
	},
	404: { message: 'Not found' },
	409: {
		message: 'Conflict',
		hint: 'Another change happened at the same time, or the idempotent key / ID was already used. Nothing was created or changed.',
	},
	410: {
		message: 'Gone: the dialog has been deleted',
		hint: 'A service owner can restore a soft-deleted dialog with the Dialog → Restore operation.',
	},
	412: { message: 'Revision mismatch: the dialog was changed since the revision you supplied' },
	422: { message: 'Dialogporten could not process the request' },
	429: { message: 'Too many requests: Dialogporten is rate limiting' },
	500: { message: 'Dialogporten failed with an internal error' },
	503: { message: 'Dialogporten is unavailable (maintenance or overload)' },
};

/** `{service}` stands for the system's host name. */
const SERVICE_OWNER_SYSTEM: Record<number, string> = {
	401: '{service} did not accept the token (401): choose another token to send, or check that it has not expired',
	403: '{service} refused the request (403): the token lacks the access it needs (scope, party or action)',
	404: '{service} does not know this resource (404)',
	429: 'Too many requests: {service} is rate limiting',
	503: '{service} is unavailable (503)',
};

/** The service name of Dialogporten's own APIs (every other service is named by its host). */
export const DIALOGPORTEN_SERVICE = 'Dialogporten';

/** The error message for an HTTP status from `service`, and the hint Dialogporten's status carries. */
export function statusWording(status: number, service: string): StatusWording {
	if (service === DIALOGPORTEN_SERVICE) {
		return DIALOGPORTEN[status] ?? { message: `Request failed with HTTP ${status}` };
	}
	const template = SERVICE_OWNER_SYSTEM[status] ?? `${service} answered HTTP ${status}`;
	return { message: template.replace('{service}', service) };
}

const REVISION_MISMATCH =
	'The request carried an If-Match revision that no longer matches. Get the dialog again to read its current revision (or choose "Latest (Read First)" for the revision), then retry. Nothing was changed.';

/** For a write checked against a revision: what a 412 means, and which revision was sent. */
export function revisionHints(revision?: string): Partial<Record<number, string>> {
	return {
		412: revision
			? `${REVISION_MISMATCH}\nThe revision sent with If-Match was ${revision}.`
			: REVISION_MISMATCH,
	};
}

/**
 * For a dialog search: a free-text search that takes too long is a 422. Other 422s (a bad filter)
 * get no hint, since the hint would send the user after the wrong field.
 */
export function searchHints(query: { search?: unknown }): Partial<Record<number, string>> {
	if (typeof query.search !== 'string' || query.search.trim() === '') return {};
	return {
		422: 'For a free-text search, narrow it with "Content Updated After", fewer parties or a service resource.',
	};
}
