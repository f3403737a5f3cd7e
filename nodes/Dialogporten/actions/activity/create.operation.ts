import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateActivityBody } from '../../helpers/interfaces';
import { compact, getDialogId, toApiDateTime, validator } from '../../helpers/utils';
import { ACTIVITY_TYPES, type InputValidator } from '../../helpers/validation';
import { activityTypeOptions, dialogRLC, revisionFields } from '../common.descriptions';
import {
	actorFields,
	fieldsMode,
	specifyBodyField,
	textLanguageField,
} from '../write.descriptions';
import { localizedText } from '../../helpers/localization';
import { actorOf, checkJsonActor } from '../actor';
import { createDialogEntry } from '../revisionCheckedWrite';
import type { OperationResult } from '../node.type';
import { collectionField } from '../../helpers/collectionField';

export const properties: INodeProperties[] = [
	dialogRLC,
	specifyBodyField('Specify Activity'),
	{
		displayName: 'Type',
		name: 'activityType',
		type: 'options',
		default: 'Information',
		options: activityTypeOptions,
		description: 'What happened',
		displayOptions: fieldsMode,
	},
	...actorFields('performedBy', 'Performed By', fieldsMode.show),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Free text describing the activity; only allowed for the Information type',
		displayOptions: { show: { specifyBody: ['fields'], activityType: ['Information'] } },
	},
	{
		...textLanguageField,
		displayOptions: { show: { specifyBody: ['fields'], activityType: ['Information'] } },
	},
	collectionField(
		'additionalFields',
		[
			{
				displayName: 'Activity ID',
				name: 'id',
				type: 'string',
				default: '',
				description: 'Your own UUIDv7, which makes creation idempotent',
			},
			{ displayName: 'Created At', name: 'createdAt', type: 'dateTime', default: '' },
			{
				displayName: 'Extended Type',
				name: 'extendedType',
				type: 'string',
				default: '',
				description: 'URI of a service-specific activity type',
			},
			{
				displayName: 'Transmission ID',
				name: 'transmissionId',
				type: 'string',
				default: '',
				description: 'The transmission the activity is about (e.g. for Transmission Opened)',
			},
		],
		fieldsMode,
	),
	{
		displayName: 'Activity (JSON)',
		name: 'activityJson',
		type: 'json',
		default: '{\n  "type": "Information",\n  "performedBy": { "actorType": "ServiceOwner" }\n}',
		required: true,
		displayOptions: { show: { specifyBody: ['json'] } },
	},
	...revisionFields('dialog revision'),
];

function validateJson(body: IDataObject, check: InputValidator): CreateActivityBody {
	check.oneOf(body.type, ACTIVITY_TYPES, 'type');
	checkJsonActor(check, body.performedBy, 'performedBy');
	if (body.id) check.uuid(body.id, 'id');
	if (body.transmissionId) check.uuid(body.transmissionId, 'transmissionId');
	return body as unknown as CreateActivityBody;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const check: InputValidator = validator.call(this, itemIndex);
	const dialogId = getDialogId.call(this, itemIndex);
	let body: CreateActivityBody;
	if (this.getNodeParameter('specifyBody', itemIndex, 'fields') === 'json') {
		body = validateJson(
			check.json(this.getNodeParameter('activityJson', itemIndex), 'Activity (JSON)'),
			check,
		);
	} else {
		const type = check.oneOf(
			this.getNodeParameter('activityType', itemIndex),
			ACTIVITY_TYPES,
			'Type',
		);
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
		const text =
			type === 'Information' ? String(this.getNodeParameter('description', itemIndex, '')) : '';
		const language = this.getNodeParameter('textLanguage', itemIndex, 'nb') as string;
		body = compact({
			id: check.optionalUuid(fields.id, 'Activity ID'),
			type,
			performedBy: actorOf.call(this, itemIndex, 'performedBy', check),
			description: text ? localizedText(text, language) : undefined,
			transmissionId: check.optionalUuid(fields.transmissionId, 'Transmission ID'),
			extendedType: (fields.extendedType as string) || undefined,
			createdAt: toApiDateTime.call(this, fields.createdAt, 'Created At', itemIndex),
		} as IDataObject) as unknown as CreateActivityBody;
	}
	return await createDialogEntry.call(this, itemIndex, dialogId, '/activities', body);
}
