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
	collectionField('options', [
		{
			...dedupeWindowProperty,
			description:
				'An event whose ID was already emitted is not emitted again (Altinn retries deliveries for up to about 1.5 days). Within this many hours the n8n process that received it answers a repeat without starting an execution (it remembers the last 1000 IDs). n8n also keeps the last 10 000 IDs of this trigger in its database, so a repeat that reaches another n8n process (queue mode) or comes after a restart ends its execution at this trigger. 0 turns this off.',
		},
		fetchDialogProperty,
	]),
];
