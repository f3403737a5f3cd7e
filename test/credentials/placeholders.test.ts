import type { INodeProperties } from 'n8n-workflow';

import { IdPortenOAuth2Api } from '../../credentials/IdPortenOAuth2Api.credentials';
import { MaskinportenApi } from '../../credentials/MaskinportenApi.credentials';

/** Every property, also those inside collections and option lists. */
function allProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...allProperties(
			((property.options ?? []) as unknown[]).filter(
				(option): option is INodeProperties =>
					typeof option === 'object' && option !== null && 'displayName' in option,
			),
		),
	]);
}

describe('the shipped credentials', () => {
	it.each([
		['Maskinporten API', new MaskinportenApi().properties],
		['ID-porten OAuth2 API', new IdPortenOAuth2Api().properties],
	])('%s suggest no address of the local stand-in', (_name, properties) => {
		const placeholders = allProperties(properties)
			.map((property) => property.placeholder)
			.filter((placeholder): placeholder is string => typeof placeholder === 'string');
		expect(placeholders.length).toBeGreaterThan(0);
		for (const placeholder of placeholders) {
			expect(placeholder).not.toMatch(/127\.0\.0\.1|localhost|:7780/);
		}
	});
});
