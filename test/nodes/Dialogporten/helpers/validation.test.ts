import { NodeOperationError, type INode } from 'n8n-workflow';
import spec from '@digdir/dialogporten-schema/swagger.verified.json';

import {
	ACTIVITY_TYPES,
	ACTOR_TYPES,
	CONSUMER_TYPES,
	DELETED_FILTERS,
	DIALOG_STATUSES,
	DIALOG_STATUS_INPUTS,
	GUI_ACTION_PRIORITIES,
	HTTP_VERBS,
	InputValidator,
	NOTIFICATION_CONDITION_TYPES,
	SYSTEM_LABELS,
	TRANSMISSION_TYPES,
} from '../../../../nodes/Dialogporten/helpers/validation';

const node = {
	id: '1',
	name: 'Dialogporten',
	type: 'dialogporten',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as INode;
const check = new InputValidator(node, 3);
const schemas = (
	spec as unknown as { components: { schemas: Record<string, { enum?: string[] }> } }
).components.schemas;

function failure(run: () => unknown): NodeOperationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected a NodeOperationError');
}

describe('enum values', () => {
	it.each([
		['DialogsEntities_DialogStatus', DIALOG_STATUSES],
		['V1ServiceOwnerCommonDialogStatuses_DialogStatusInput', DIALOG_STATUS_INPUTS],
		['DialogEndUserContextsEntities_SystemLabel', SYSTEM_LABELS],
		['DialogsEntitiesActivities_DialogActivityType', ACTIVITY_TYPES],
		['DialogsEntitiesTransmissions_DialogTransmissionType', TRANSMISSION_TYPES],
		['Actors_ActorType', ACTOR_TYPES],
		['Http_HttpVerb', HTTP_VERBS],
		['V1Common_DeletedFilter', DELETED_FILTERS],
		['DialogsEntitiesActions_DialogGuiActionPriority', GUI_ACTION_PRIORITIES],
		['Attachments_AttachmentUrlConsumerType', CONSUMER_TYPES],
		[
			'V1ServiceOwnerDialogsQueriesNotificationCondition_NotificationConditionType',
			NOTIFICATION_CONDITION_TYPES,
		],
	])('%s matches the pinned OpenAPI document', (schema, values) => {
		expect([...values].sort()).toEqual([...(schemas[schema].enum ?? [])].sort());
	});
});

describe('InputValidator', () => {
	it('accepts UUIDs in any case and returns them lower-cased', () => {
		expect(check.uuid(' 01913CD5-784F-7D3B-ABEF-4C77B1F0972D ', 'Dialog ID')).toBe(
			'01913cd5-784f-7d3b-abef-4c77b1f0972d',
		);
	});

	it('rejects a non-UUID with the item index and the offending value', () => {
		const error = failure(() => check.uuid('12345', 'Dialog ID'));
		expect(error.message).toBe('Dialog ID "12345" is not a valid UUID');
		expect(error.context.itemIndex).toBe(3);
	});

	it('accepts organization and person party URNs', () => {
		expect(check.party('urn:altinn:organization:identifier-no:310000051')).toBe(
			'urn:altinn:organization:identifier-no:310000051',
		);
		expect(check.party('urn:altinn:person:identifier-no:01125512345')).toBe(
			'urn:altinn:person:identifier-no:01125512345',
		);
	});

	it.each([
		'urn:altinn:organization:identifier-no:12345',
		'urn:altinn:person:identifier-no:0112551234',
		'urn:altinn:org:identifier-no:310000051',
		'31000005',
		'3100000511',
	])('rejects the malformed party URN %p', (value) => {
		expect(failure(() => check.party(value)).message).toContain('is not a valid party URN');
	});

	it('takes an organization or national identity number as the party it names', () => {
		expect(check.party('310 000 051')).toBe('urn:altinn:organization:identifier-no:310000051');
		expect(check.party('01125512345')).toBe('urn:altinn:person:identifier-no:01125512345');
		expect(check.parties('310000051, urn:altinn:person:identifier-no:01125512345')).toEqual([
			'urn:altinn:organization:identifier-no:310000051',
			'urn:altinn:person:identifier-no:01125512345',
		]);
	});

	it('splits lists given as text, arrays or nested arrays', () => {
		expect(check.list('a, b,,c')).toEqual(['a', 'b', 'c']);
		expect(check.list(['a', ['b', 'c']])).toEqual(['a', 'b', 'c']);
		expect(check.list(undefined)).toEqual([]);
	});

	it('rejects unknown enum values and names the allowed ones', () => {
		const error = failure(() =>
			check.manyOf(['InProgress', 'Done'], DIALOG_STATUSES, 'Status filter'),
		);
		expect(error.message).toBe('Status filter "Done" is not one of the allowed values');
		expect(error.description).toContain('RequiresAttention');
	});

	it('parses JSON text and checks its shape', () => {
		expect(check.json('{"a":1}', 'Body')).toEqual({ a: 1 });
		expect(failure(() => check.json('{"a":', 'Body')).message).toBe('Body is not valid JSON');
		expect(failure(() => check.json('[1]', 'Body')).message).toBe('Body must be a JSON object');
	});

	describe('JSON Patch', () => {
		it('accepts a valid RFC 6902 document', () => {
			const patch = [
				{ op: 'replace', path: '/status', value: 'Completed' },
				{ op: 'remove', path: '/extendedStatus' },
				{ op: 'copy', from: '/process', path: '/precedingProcess' },
			];
			expect(check.jsonPatch(JSON.stringify(patch))).toEqual(patch);
		});

		it.each([
			['{"op":"replace"}', 'must be a JSON array'],
			['[]', 'has no operations'],
			['[{"op":"update","path":"/status","value":1}]', 'has an invalid "op"'],
			['[{"op":"replace","path":"status","value":1}]', 'needs a "path" that is a JSON Pointer'],
			['[{"op":"replace","path":"/status"}]', '("replace") needs a "value"'],
			['[{"op":"move","path":"/a"}]', '("move") needs a "from" JSON Pointer'],
			['[{"op":"remove","path":"/a","extra":true}]', 'has unknown fields: extra'],
		])('rejects %s', (patch, message) => {
			expect(failure(() => check.jsonPatch(patch)).message).toContain(message);
		});
	});
});
