/** The transmission fields of Create and Update; body.ts turns their values into the API's body. */
import type { INodeProperties } from 'n8n-workflow';

import { transmissionTypeOptions } from '../common.descriptions';
import {
	actorFields,
	attachmentsField,
	fieldsMode,
	specifyBodyField,
	textLanguageField,
} from '../write.descriptions';
import { collectionField } from '../../helpers/collectionField';
import { alphabetically } from '../../helpers/sort';

const CREATE_JSON =
	'{\n  "type": "Information",\n  "sender": { "actorType": "ServiceOwner" },\n  "content": {\n    "title": { "mediaType": "text/plain", "value": [{ "languageCode": "nb", "value": "" }] }\n  }\n}';
const UPDATE_JSON =
	'{\n  "type": "Information",\n  "isSilentUpdate": false,\n  "sender": { "actorType": "ServiceOwner" },\n  "content": {\n    "title": { "mediaType": "text/plain", "value": [{ "languageCode": "nb", "value": "" }] }\n  }\n}';

export function transmissionProperties(forCreate: boolean): INodeProperties[] {
	const jsonDefault = forCreate ? CREATE_JSON : UPDATE_JSON;
	const additional: INodeProperties[] = [
		{
			displayName: 'Authorization Attribute',
			name: 'authorizationAttribute',
			type: 'string',
			default: '',
			description: 'Sub-resource or task that reading the transmission is authorized against',
		},
		{
			displayName: 'Content Reference',
			name: 'contentReference',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://example.com/api/messages/123.md',
			description: 'HTTPS URL of Markdown content the inbox embeds',
		},
		{
			displayName: 'Created At',
			name: 'createdAt',
			type: 'dateTime',
			default: '',
			description: 'Default is now',
		},
		{
			displayName: 'Extended Type',
			name: 'extendedType',
			type: 'string',
			default: '',
			description: 'URI of a service-specific transmission type',
		},
		{ displayName: 'External Reference', name: 'externalReference', type: 'string', default: '' },
		{
			displayName: 'Idempotent Key',
			name: 'idempotentKey',
			type: 'string',
			default: '',
			description:
				'Unique within the dialog; reusing it fails with 409 Conflict instead of creating a duplicate',
		},
		{
			displayName: 'Related Transmission ID',
			name: 'relatedTransmissionId',
			type: 'string',
			default: '',
			description: 'The transmission this one answers or corrects',
		},
		{ displayName: 'Summary', name: 'summary', type: 'string', default: '' },
	];
	if (forCreate) {
		additional.push({
			displayName: 'Transmission ID',
			name: 'id',
			type: 'string',
			default: '',
			description: 'Your own UUIDv7, which makes creation idempotent',
		});
	} else {
		additional.push({
			displayName: 'Silent Update',
			name: 'isSilentUpdate',
			type: 'boolean',
			default: false,
			description:
				'Whether to update without changing the dialog’s updated time or notifying anyone',
		});
	}
	additional.sort((a, b) => alphabetically(a.displayName, b.displayName));
	return [
		specifyBodyField(forCreate ? 'Specify Transmission' : 'Specify New Transmission'),
		{
			displayName: 'Type',
			name: 'transmissionType',
			type: 'options',
			default: 'Information',
			options: transmissionTypeOptions,
			displayOptions: fieldsMode,
		},
		...actorFields('sender', 'Sender', fieldsMode.show),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			displayOptions: fieldsMode,
		},
		{ ...textLanguageField, displayOptions: fieldsMode },
		collectionField('additionalFields', additional, fieldsMode),
		{ ...attachmentsField, displayOptions: fieldsMode },
		{
			displayName: 'Transmission (JSON)',
			name: 'transmissionJson',
			type: 'json',
			default: jsonDefault,
			required: true,
			displayOptions: { show: { specifyBody: ['json'] } },
		},
	];
}
