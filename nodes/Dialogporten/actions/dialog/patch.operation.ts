import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { JsonPatchOperation } from '../../helpers/interfaces';
import { getDialogId, toItems, validator } from '../../helpers/utils';
import { JSON_PATCH_OPS } from '../../helpers/validation';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { writeWithRevision } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	dialogRLC,
	{
		displayName: 'Specify Patch',
		name: 'specifyPatch',
		type: 'options',
		default: 'operations',
		options: [
			{ name: 'Using Operations Below', value: 'operations' },
			{ name: 'Using JSON', value: 'json', description: 'A JSON Patch document (RFC 6902)' },
		],
	},
	{
		displayName: 'Operations',
		name: 'operations',
		type: 'fixedCollection',
		placeholder: 'Add Operation',
		default: {},
		typeOptions: { multipleValues: true, sortable: true },
		description:
			'Changes applied in order to the dialog (its update model: status, progress, content, actions…). Activities and transmissions can only be added (path /activities/- or /transmissions/-).',
		displayOptions: { show: { specifyPatch: ['operations'] } },
		options: [
			{
				displayName: 'Operation',
				name: 'values',
				values: [
					{
						displayName: 'From',
						name: 'from',
						type: 'string',
						default: '',
						description: 'JSON Pointer to copy or move from',
						displayOptions: { show: { op: ['move', 'copy'] } },
					},
					{
						displayName: 'Op',
						name: 'op',
						type: 'options',
						default: 'replace',
						options: JSON_PATCH_OPS.map((op) => ({ name: op, value: op })),
					},
					{
						displayName: 'Path',
						name: 'path',
						type: 'string',
						default: '/status',
						placeholder: 'e.g. /status',
						description: 'JSON Pointer to the field, e.g. /status, /progress, /content/summary',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description:
							'The new value. JSON is parsed (100, true, {"a":1}, "100" for the string 100); anything else is sent as text, e.g. Completed.',
						displayOptions: { show: { op: ['add', 'replace', 'test'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'JSON Patch',
		name: 'patchJson',
		type: 'json',
		default: '[\n  { "op": "replace", "path": "/status", "value": "Completed" }\n]',
		required: true,
		displayOptions: { show: { specifyPatch: ['json'] } },
	},
	...revisionFields('dialog revision'),
];

/** A value typed in the form: JSON when it parses, text otherwise. */
export function parsePatchValue(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text) return '';
	try {
		return JSON.parse(text);
	} catch {
		return value;
	}
}

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	let patch: JsonPatchOperation[];
	if (this.getNodeParameter('specifyPatch', itemIndex, 'operations') === 'json') {
		patch = check.jsonPatch(this.getNodeParameter('patchJson', itemIndex));
	} else {
		const entries =
			((this.getNodeParameter('operations', itemIndex, {}) as IDataObject)
				.values as IDataObject[]) ?? [];
		patch = check.jsonPatch(
			entries.map((entry) => {
				const operation: IDataObject = { op: entry.op, path: entry.path };
				if (entry.op === 'add' || entry.op === 'replace' || entry.op === 'test') {
					operation.value = parsePatchValue(entry.value) as IDataObject;
				}
				if (entry.op === 'move' || entry.op === 'copy') operation.from = entry.from;
				return operation;
			}),
		);
	}
	const { revision } = await writeWithRevision.call(this, itemIndex, {
		dialogId,
		method: 'PATCH',
		body: patch,
		headers: { 'Content-Type': 'application/json-patch+json' },
	});
	return toItems({ id: dialogId, revision, patched: true }, itemIndex);
}
