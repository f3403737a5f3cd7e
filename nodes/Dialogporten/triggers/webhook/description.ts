import type { INodeProperties } from 'n8n-workflow';
import { dedupeWindowProperty, fetchDialogProperty, watchedProperties } from '../fields';
import { collectionField } from '../../helpers/collectionField';

export const eventsTriggerProperties: INodeProperties[] = [
	{
		displayName:
			"Altinn Events delivers to this workflow's production URL, which must be public HTTPS with a publicly trusted certificate (set WEBHOOK_URL when n8n runs behind a proxy). After activation it can take up to an hour before events arrive, and up to an hour after deactivation they may still be sent. Without a public URL, use the Dialogporten Polling Trigger.",
		name: 'publicHttpsNotice',
		type: 'notice',
		default: '',
	},
	...watchedProperties(),
	{
		displayName: 'Include Subunits',
		name: 'includeSubunits',
		type: 'boolean',
		default: false,
		description:
			'Whether to also receive events for the subunits of the organization in Party (requires Party)',
	},
	collectionField('options', [dedupeWindowProperty, fetchDialogProperty]),
];
