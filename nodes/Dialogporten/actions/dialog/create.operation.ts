import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateDialogBody } from '../../helpers/interfaces';
import {
	compact,
	createdIdOf,
	etagOf,
	fetchDialog,
	getParty,
	getSimplifyOptions,
	shapeOutput,
	SERVICEOWNER,
	toApiDateTime,
	toItems,
	validator,
} from '../../helpers/utils';
import { DIALOG_STATUS_INPUTS, SYSTEM_LABELS, type InputValidator } from '../../helpers/validation';
import { apiRequest, type FullResponse } from '../../transport';
import { partyRLC, simplifyFields } from '../common.descriptions';
import { fieldsMode, specifyBodyField, textLanguageField } from '../write.descriptions';
import { applyContentFields, dialogListsOf, scalarFields } from './body';
import { actionFields } from './actionFields';
import { dialogFieldOptions, statusField } from './fields';
import type { OperationResult } from '../node.type';
import { collectionField } from '../../helpers/collectionField';

export const properties: INodeProperties[] = [
	specifyBodyField('Specify Dialog', {
		json: 'The whole create body as in the Dialogporten API',
	}),
	{ ...partyRLC, displayOptions: fieldsMode },
	{
		displayName: 'Service Resource',
		name: 'serviceResource',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. urn:altinn:resource:super-simple-service',
		description:
			'The service (in the Altinn Resource Registry) the dialog belongs to; you must own it',
		displayOptions: fieldsMode,
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		required: true,
		description: 'Title shown in the inbox (max 255 characters)',
		displayOptions: fieldsMode,
	},
	{ ...textLanguageField, displayOptions: fieldsMode },
	{ ...statusField, displayOptions: fieldsMode },
	collectionField('additionalFields', dialogFieldOptions(true), fieldsMode),
	...actionFields.map((field) => ({ ...field, displayOptions: fieldsMode })),
	{
		displayName: 'Dialog (JSON)',
		name: 'dialogJson',
		type: 'json',
		default:
			'{\n  "serviceResource": "urn:altinn:resource:",\n  "party": "urn:altinn:organization:identifier-no:",\n  "status": "InProgress",\n  "isApiOnly": false,\n  "content": {\n    "title": { "mediaType": "text/plain", "value": [{ "languageCode": "nb", "value": "" }] }\n  }\n}',
		required: true,
		description: 'The dialog as the API expects it (V1ServiceOwnerDialogsCommandsCreate_Dialog)',
		displayOptions: { show: { specifyBody: ['json'] } },
	},
	{
		displayName: 'Return Created Dialog',
		name: 'returnDialog',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the new dialog back and output it in full instead of only its ID and revision',
	},
	...simplifyFields.map((field) => ({
		...field,
		displayOptions: { show: { returnDialog: [true], ...(field.displayOptions?.show ?? {}) } },
	})),
];

function validateJsonBody(body: IDataObject, check: InputValidator): CreateDialogBody {
	body.party = check.party(body.party, 'party');
	check.serviceResource(body.serviceResource);
	if (body.status !== undefined && body.status !== null)
		check.oneOf(body.status, DIALOG_STATUS_INPUTS, 'status');
	if (body.systemLabel !== undefined && body.systemLabel !== null)
		check.oneOf(body.systemLabel, SYSTEM_LABELS, 'systemLabel');
	if (body.id !== undefined && body.id !== null) check.uuid(body.id, 'id');
	if (body.isApiOnly === undefined) body.isApiOnly = false;
	return body as unknown as CreateDialogBody;
}

/** The create body from the form fields. */
export function createBodyFromFields(
	this: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
): CreateDialogBody {
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const language = this.getNodeParameter('textLanguage', itemIndex, 'nb') as string;
	const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
	if (!title) check.fail('Title is required');
	const date = (name: string, label: string) =>
		toApiDateTime.call(this, fields[name], label, itemIndex);
	const content = applyContentFields({}, { ...fields, title }, language, check);
	const body = compact({
		id: check.optionalUuid(fields.id, 'Dialog ID'),
		idempotentKey: (fields.idempotentKey as string) || undefined,
		party: getParty.call(this, itemIndex),
		serviceResource: check.serviceResource(this.getNodeParameter('serviceResource', itemIndex, '')),
		status: check.oneOf(
			this.getNodeParameter('status', itemIndex, 'InProgress'),
			DIALOG_STATUS_INPUTS,
			'Status',
		),
		isApiOnly: Boolean(fields.isApiOnly),
		...scalarFields(fields, check, date),
		createdAt: date('createdAt', 'Created At'),
		visibleFrom: date('visibleFrom', 'Visible From'),
		systemLabel: check.optionalOneOf(fields.systemLabel, SYSTEM_LABELS, 'System Label'),
		serviceOwnerContext: fields.serviceOwnerLabels
			? { serviceOwnerLabels: check.list(fields.serviceOwnerLabels).map((value) => ({ value })) }
			: undefined,
		content,
		...dialogListsOf.call(this, itemIndex, language, check),
	} as IDataObject);
	return body as unknown as CreateDialogBody;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const check: InputValidator = validator.call(this, itemIndex);
	const body =
		this.getNodeParameter('specifyBody', itemIndex, 'fields') === 'json'
			? validateJsonBody(
					check.json(this.getNodeParameter('dialogJson', itemIndex), 'Dialog (JSON)'),
					check,
				)
			: createBodyFromFields.call(this, itemIndex, check);

	const response = (await apiRequest.call(this, {
		api: 'serviceowner',
		method: 'POST',
		path: `${SERVICEOWNER}/dialogs`,
		body,
		itemIndex,
		returnFullResponse: true,
		errorHints: {
			409: [
				body.idempotentKey ? `Idempotent key: "${body.idempotentKey}".` : '',
				body.id ? `Dialog ID: ${body.id}.` : '',
			]
				.filter(Boolean)
				.join(' '),
		},
	})) as FullResponse;
	const id = createdIdOf(response.body);
	const revision = etagOf(response.headers);
	if (this.getNodeParameter('returnDialog', itemIndex, false) && id) {
		const dialog = await fetchDialog.call(this, 'serviceowner', id, itemIndex);
		return toItems(
			shapeOutput(dialog as unknown as IDataObject, getSimplifyOptions.call(this, itemIndex)),
			itemIndex,
		);
	}
	return toItems({ id, revision }, itemIndex);
}
