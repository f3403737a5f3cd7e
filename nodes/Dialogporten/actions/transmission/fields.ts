/** Transmission fields shared by Create and Update. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CreateTransmissionBody } from '../../helpers/interfaces';
import { compact, FRONT_CHANNEL_EMBED_MARKDOWN, toApiDateTime } from '../../helpers/utils';
import {
	ACTOR_TYPES,
	CONSUMER_TYPES,
	TRANSMISSION_TYPES,
	type InputValidator,
} from '../../helpers/validation';
import { actorOf } from '../activity/create.operation';
import { actorFields, transmissionTypeOptions } from '../common.descriptions';
import { contentValue, localizedText, textLanguageField } from '../dialog/fields';

const CREATE_JSON =
	'{\n  "type": "Information",\n  "sender": { "actorType": "ServiceOwner" },\n  "content": {\n    "title": { "mediaType": "text/plain", "value": [{ "languageCode": "nb", "value": "" }] }\n  }\n}';
const UPDATE_JSON =
	'{\n  "type": "Information",\n  "isSilentUpdate": false,\n  "sender": { "actorType": "ServiceOwner" },\n  "content": {\n    "title": { "mediaType": "text/plain", "value": [{ "languageCode": "nb", "value": "" }] }\n  }\n}';

export function transmissionProperties(forCreate: boolean): INodeProperties[] {
	const fieldsMode = { show: { specifyBody: ['fields'] } };
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
	additional.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return [
		{
			displayName: forCreate ? 'Specify Transmission' : 'Specify New Transmission',
			name: 'specifyBody',
			type: 'options',
			default: 'fields',
			options: [
				{ name: 'Using Fields Below', value: 'fields' },
				{ name: 'Using JSON', value: 'json' },
			],
		},
		{
			displayName: 'Type',
			name: 'transmissionType',
			type: 'options',
			default: 'Information',
			options: transmissionTypeOptions,
			displayOptions: fieldsMode,
		},
		...actorFields('sender', 'Sender').map((field) => ({
			...field,
			displayOptions: { show: { specifyBody: ['fields'], ...(field.displayOptions?.show ?? {}) } },
		})),
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			displayOptions: fieldsMode,
		},
		{ ...textLanguageField, displayOptions: fieldsMode },
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: fieldsMode,
			options: additional,
		},
		{
			displayName: 'Attachments',
			name: 'attachments',
			type: 'fixedCollection',
			placeholder: 'Add Attachment',
			default: {},
			typeOptions: { multipleValues: true, sortable: true },
			displayOptions: fieldsMode,
			options: [
				{
					displayName: 'Attachment',
					name: 'values',
					values: [
						{
							displayName: 'Consumer',
							name: 'consumerType',
							type: 'options',
							default: 'Gui',
							options: [
								{ name: 'Browser (GUI)', value: 'Gui' },
								{ name: 'System (API)', value: 'Api' },
							],
						},
						{ displayName: 'Display Name', name: 'displayName', type: 'string', default: '' },
						{
							displayName: 'Media Type',
							name: 'mediaType',
							type: 'string',
							default: '',
							placeholder: 'application/pdf',
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
							placeholder: 'https://example.com/files/123.pdf',
						},
					],
				},
			],
		},
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

/** The transmission body from the form (create; update adds `isSilentUpdate`). */
export function transmissionBody(
	this: IExecuteFunctions,
	itemIndex: number,
	check: InputValidator,
	forCreate: boolean,
): IDataObject {
	if (this.getNodeParameter('specifyBody', itemIndex, 'fields') === 'json') {
		const body = check.json(
			this.getNodeParameter('transmissionJson', itemIndex),
			'Transmission (JSON)',
		);
		check.oneOf(body.type, TRANSMISSION_TYPES, 'type');
		const sender = body.sender as IDataObject | undefined;
		if (!sender || typeof sender !== 'object') check.fail('sender is required');
		check.oneOf(sender.actorType, ACTOR_TYPES, 'sender.actorType');
		if (body.id) check.uuid(body.id, 'id');
		if (body.relatedTransmissionId) check.uuid(body.relatedTransmissionId, 'relatedTransmissionId');
		if (!forCreate && body.isSilentUpdate === undefined) body.isSilentUpdate = false;
		return body;
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const language = this.getNodeParameter('textLanguage', itemIndex, 'nb') as string;
	const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
	if (!title) check.fail('Title is required');
	const attachments = (
		((this.getNodeParameter('attachments', itemIndex, {}) as IDataObject)
			.values as IDataObject[]) ?? []
	).map((entry, index) =>
		compact({
			displayName: entry.displayName
				? localizedText(String(entry.displayName), language)
				: undefined,
			urls: [
				compact({
					url: check.url(entry.url, `Attachment ${index + 1} URL`),
					mediaType: (entry.mediaType as string) || undefined,
					consumerType: check.oneOf(
						entry.consumerType ?? 'Gui',
						CONSUMER_TYPES,
						`Attachment ${index + 1} consumer`,
					),
				}),
			],
		}),
	);
	const body: IDataObject = compact({
		id: forCreate ? check.optionalUuid(fields.id, 'Transmission ID') : undefined,
		type: check.oneOf(
			this.getNodeParameter('transmissionType', itemIndex, 'Information'),
			TRANSMISSION_TYPES,
			'Type',
		),
		sender: actorOf.call(this, itemIndex, 'sender', check),
		content: compact({
			title: contentValue(title, language),
			summary: fields.summary ? contentValue(String(fields.summary), language) : undefined,
			contentReference: fields.contentReference
				? contentValue(
						check.url(fields.contentReference, 'Content Reference'),
						language,
						FRONT_CHANNEL_EMBED_MARKDOWN,
					)
				: undefined,
		} as IDataObject),
		createdAt: toApiDateTime.call(this, fields.createdAt, 'Created At', itemIndex),
		idempotentKey: (fields.idempotentKey as string) || undefined,
		externalReference: (fields.externalReference as string) || undefined,
		extendedType: (fields.extendedType as string) || undefined,
		authorizationAttribute: (fields.authorizationAttribute as string) || undefined,
		relatedTransmissionId: check.optionalUuid(
			fields.relatedTransmissionId,
			'Related Transmission ID',
		),
		attachments,
	} as IDataObject);
	if (!forCreate) body.isSilentUpdate = Boolean(fields.isSilentUpdate);
	return body satisfies Partial<Record<keyof CreateTransmissionBody | 'isSilentUpdate', unknown>>;
}
