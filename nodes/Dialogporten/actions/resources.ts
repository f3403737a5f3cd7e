import { action } from './action/Action.resource';
import { activity } from './activity/Activity.resource';
import { dialog } from './dialog/Dialog.resource';
import { label } from './label/Label.resource';
import { metadata } from './metadata/Metadata.resource';
import { party } from './party/Party.resource';
import { seenLog } from './seenLog/SeenLog.resource';
import { serviceResource } from './serviceResource/ServiceResource.resource';
import { transmission } from './transmission/Transmission.resource';
import type { ResourceTable } from './node.type';

/** Every resource of the node by the `resource` parameter's value, in the Resource list's order. */
export const resources = {
	action,
	activity,
	dialog,
	label,
	metadata,
	party,
	seenLog,
	serviceResource,
	transmission,
} as const satisfies Record<string, ResourceTable>;

export type DialogportenResource = keyof typeof resources;
