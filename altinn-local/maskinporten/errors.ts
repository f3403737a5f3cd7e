// A refused grant: the HTTP status, the OAuth error and the MP code Digdir documents for it; the
// token endpoint answers it as `{error, error_description}`.
export class GrantError extends Error {
	constructor(
		public readonly status: number,
		public readonly error: string,
		public readonly code: string | undefined,
		description: string,
	) {
		super(description);
	}
}
