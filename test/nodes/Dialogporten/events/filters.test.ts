import type { INode } from 'n8n-workflow';
import { normalizeParty, normalizeResource } from '../../../../nodes/Dialogporten/events/filters';

const node = { name: 'Trigger' } as INode;

describe('normalizeResource', () => {
	it('keeps a resource URN and prefixes a bare identifier', () => {
		expect(normalizeResource(node, 'urn:altinn:resource:super-simple-service')).toBe(
			'urn:altinn:resource:super-simple-service',
		);
		expect(normalizeResource(node, '  app_digdir_demo ')).toBe(
			'urn:altinn:resource:app_digdir_demo',
		);
	});

	it('refuses empty and malformed values', () => {
		expect(() => normalizeResource(node, '')).toThrow('Service Resource is required');
		expect(() => normalizeResource(node, undefined)).toThrow('Service Resource is required');
		expect(() => normalizeResource(node, 'urn:altinn:resource:')).toThrow(
			'not a valid service resource',
		);
		expect(() => normalizeResource(node, 'has space')).toThrow('not a valid service resource');
	});
});

describe('normalizeParty', () => {
	it('is undefined, never "", for an empty field', () => {
		expect(normalizeParty(node, '')).toBeUndefined();
		expect(normalizeParty(node, '   ')).toBeUndefined();
		expect(normalizeParty(node, undefined)).toBeUndefined();
	});

	it('turns organization and person numbers into party URNs', () => {
		expect(normalizeParty(node, '991 825 827')).toBe(
			'urn:altinn:organization:identifier-no:991825827',
		);
		expect(normalizeParty(node, '01017012345')).toBe('urn:altinn:person:identifier-no:01017012345');
		expect(normalizeParty(node, 'urn:altinn:organization:identifier-no:991825827')).toBe(
			'urn:altinn:organization:identifier-no:991825827',
		);
	});

	it('refuses anything else', () => {
		expect(() => normalizeParty(node, '12345')).toThrow('Party must be');
		expect(() => normalizeParty(node, 'urn:altinn:organization:identifier-no:1')).toThrow(
			'Party must be',
		);
	});
});
