/** The transmission body of Create and Update from their fields (fields.ts) or JSON. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { CreateTransmissionBody } from '../../helpers/interfaces';
import { contentValue } from '../../helpers/localization';
import { compact, FRONT_CHANNEL_EMBED_MARKDOWN, toApiDateTime } from '../../helpers/utils';
import { TRANSMISSION_TYPES, type InputValidator } from '../../helpers/validation';
import { actorOf, checkJsonActor } from '../actor';
import { attachmentsOf } from '../dialog/body';

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
		checkJsonActor(check, body.sender, 'sender');
		if (body.id) check.uuid(body.id, 'id');
		if (body.relatedTransmissionId) check.uuid(body.relatedTransmissionId, 'relatedTransmissionId');
		if (!forCreate && body.isSilentUpdate === undefined) body.isSilentUpdate = false;
		return body;
	}
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const language = this.getNodeParameter('textLanguage', itemIndex, 'nb') as string;
	const title = String(this.getNodeParameter('title', itemIndex, '')).trim();
	if (!title) check.fail('Title is required');
	const attachments = attachmentsOf(
		this.getNodeParameter('attachments', itemIndex, {}),
		language,
		check,
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
