import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { ServiceOwnerDialog, UpdateDialogBody } from '../../helpers/interfaces';
import { fetchDialog, getDialogId, toApiDateTime, toItems, validator } from '../../helpers/utils';
import { DIALOG_STATUS_INPUTS } from '../../helpers/validation';
import { dialogRLC, revisionFields } from '../common.descriptions';
import { fieldsMode, specifyBodyField, textLanguageField } from '../write.descriptions';
import { applyContentFields, dialogListsOf, scalarFields } from './body';
import { actionFields } from './actionFields';
import { dialogFieldOptions } from './fields';
import { resolveIfMatch, writeWithRevision } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';
import { collectionField } from '../../helpers/collectionField';
import { alphabetically } from '../../helpers/sort';

export const properties: INodeProperties[] = [
	dialogRLC,
	specifyBodyField('Specify Changes', {
		fields: 'Read the dialog, change the fields given below, and write it back',
		json: 'Replace the dialog with a complete update body as in the Dialogporten API',
	}),
	{ ...textLanguageField, displayOptions: fieldsMode },
	collectionField(
		'updateFields',
		[
			...dialogFieldOptions(false),
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'InProgress',
				options: DIALOG_STATUS_INPUTS.map((value) => ({
					name: value.replace(/([a-z])([A-Z])/g, '$1 $2'),
					value,
				})),
			},
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		].sort((a, b) => alphabetically(a.displayName, b.displayName)) as INodeProperties[],
		fieldsMode,
	),
	{
		displayName: 'Replace Actions and Attachments',
		name: 'replaceLists',
		type: 'boolean',
		default: false,
		description:
			'Whether to replace the GUI actions, API actions and attachments with the ones given below (otherwise they are kept)',
		displayOptions: fieldsMode,
	},
	...actionFields.map((field) => ({
		...field,
		displayOptions: { show: { specifyBody: ['fields'], replaceLists: [true] } },
	})),
	{
		displayName: 'Dialog (JSON)',
		name: 'dialogJson',
		type: 'json',
		default:
			'{\n  "status": "InProgress",\n  "isApiOnly": false,\n  "content": {\n    "title": { "mediaType": "text/plain", "value": [{ "languageCode": "nb", "value": "" }] }\n  }\n}',
		required: true,
		description:
			'The complete update body (V1ServiceOwnerDialogsCommandsUpdate_Dialog); fields you leave out are cleared, activities and transmissions in it are appended',
		displayOptions: { show: { specifyBody: ['json'] } },
	},
	...revisionFields('dialog revision'),
];

const UPDATE_KEYS = [
	'apiActions',
	'attachments',
	'content',
	'dueAt',
	'expiresAt',
	'extendedStatus',
	'externalReference',
	'guiActions',
	'isApiOnly',
	'precedingProcess',
	'process',
	'progress',
	'searchTags',
	'status',
] as const satisfies ReadonlyArray<keyof UpdateDialogBody>;

function withoutKeys<T extends object>(value: T, keys: string[]): T {
	const copy = { ...value } as Record<string, unknown>;
	for (const key of keys) delete copy[key];
	return copy as T;
}

/**
 * The update body that keeps a dialog as it is: its updatable fields, without the per-user
 * `isAuthorized` flags, and without activities and transmissions (which PUT would append again).
 */
export function updateBodyFromDialog(dialog: ServiceOwnerDialog): UpdateDialogBody {
	const body: IDataObject = {};
	for (const key of UPDATE_KEYS) {
		const value = (dialog as unknown as IDataObject)[key];
		if (value !== undefined && value !== null) body[key] = value;
	}
	if (body.content) {
		body.content = Object.fromEntries(
			Object.entries(body.content as IDataObject)
				.filter(([, value]) => value !== null && value !== undefined)
				.map(([key, value]) => [key, withoutKeys(value as IDataObject, ['isAuthorized'])]),
		);
	}
	body.guiActions = (dialog.guiActions ?? []).map((action) =>
		withoutKeys(action, ['isAuthorized']),
	);
	body.apiActions = (dialog.apiActions ?? []).map((action) =>
		withoutKeys(action, ['isAuthorized']),
	);
	if (body.status === undefined) body.status = 'InProgress';
	if (body.isApiOnly === undefined) body.isApiOnly = false;
	return body as unknown as UpdateDialogBody;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	const mode = this.getNodeParameter('specifyBody', itemIndex, 'fields') as string;
	let body: UpdateDialogBody;
	let ifMatch: string | undefined;

	if (mode === 'json') {
		const json = check.json(this.getNodeParameter('dialogJson', itemIndex), 'Dialog (JSON)');
		check.oneOf(json.status, DIALOG_STATUS_INPUTS, 'status');
		if (json.isApiOnly === undefined) json.isApiOnly = false;
		body = json as unknown as UpdateDialogBody;
		ifMatch = await resolveIfMatch.call(this, 'serviceowner', dialogId, itemIndex);
	} else {
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const language = this.getNodeParameter('textLanguage', itemIndex, 'nb') as string;
		const date = (name: string, label: string) =>
			toApiDateTime.call(this, fields[name], label, itemIndex);
		const revisionMode = this.getNodeParameter('ifMatch', itemIndex, 'none') as string;
		const given =
			revisionMode === 'revision'
				? check.uuid(this.getNodeParameter('revision', itemIndex, ''), 'Revision')
				: undefined;
		const status =
			fields.status !== undefined
				? check.oneOf(fields.status, DIALOG_STATUS_INPUTS, 'Status')
				: undefined;
		const scalars = scalarFields(fields, check, date);
		if (fields.mainContentReference)
			check.url(fields.mainContentReference, 'Main Content Reference');
		const replaceLists = this.getNodeParameter('replaceLists', itemIndex, false) as boolean;
		const lists = replaceLists ? dialogListsOf.call(this, itemIndex, language, check) : {};

		const current = (await fetchDialog.call(
			this,
			'serviceowner',
			dialogId,
			itemIndex,
		)) as ServiceOwnerDialog;
		body = updateBodyFromDialog(current);
		body.content = applyContentFields(
			body.content ?? {},
			fields,
			language,
			check,
		) as UpdateDialogBody['content'];
		Object.assign(body, scalars, lists);
		if (status) body.status = status;
		ifMatch = revisionMode === 'none' ? undefined : (given ?? current.revision);
	}

	const { revision } = await writeWithRevision.call(this, itemIndex, {
		dialogId,
		method: 'PUT',
		body,
		ifMatch: { value: ifMatch },
	});
	return toItems({ id: dialogId, revision, updated: true }, itemIndex);
}
