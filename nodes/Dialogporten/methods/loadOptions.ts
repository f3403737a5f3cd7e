import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { allAttachments, contentReferences } from '../helpers/actions';
import type { ApiAction, ApiActionEndpoint, GuiAction } from '../helpers/interfaces';
import { pickLocalized } from '../helpers/simplify';
import { currentDialog, currentLanguage, currentParameter } from './common';

/** API actions (called by this node) and GUI actions (output for a browser) of the chosen dialog. */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const dialog = await currentDialog.call(this);
	const language = currentLanguage.call(this);
	const api = ((dialog.apiActions ?? []) as ApiAction[]).map((action) => {
		const endpoint = (action.endpoints ?? [])[0];
		return {
			name: `API: ${action.name ?? action.action}${endpoint ? ` (${endpoint.httpMethod})` : ''}`,
			value: action.id ?? '',
			description: endpoint ? endpoint.url : 'No endpoints',
		};
	});
	const gui = ((dialog.guiActions ?? []) as GuiAction[]).map((action) => ({
		name: `GUI: ${pickLocalized(action.title ?? null, language) ?? action.action}`,
		value: action.id ?? '',
		description: action.url,
	}));
	return [...api, ...gui];
}

/** Endpoints (versions) of the chosen API action. */
export async function getActionEndpoints(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const dialog = await currentDialog.call(this);
	const actionId = String(currentParameter.call(this, 'actionId') ?? '');
	const action = ((dialog.apiActions ?? []) as ApiAction[]).find(
		(entry) => entry.id === actionId || entry.name === actionId || entry.action === actionId,
	);
	const endpoints = ((action?.endpoints ?? []) as ApiActionEndpoint[]).map((endpoint) => ({
		name: `${endpoint.version ?? endpoint.httpMethod}${endpoint.deprecated ? ' (deprecated)' : ''}`,
		value: endpoint.id ?? '',
		description: `${endpoint.httpMethod} ${endpoint.url}`,
	}));
	return [
		{
			name: 'First Non-Deprecated',
			value: '',
			description: 'The first endpoint that is neither deprecated nor past its sunset date',
		},
		...endpoints,
	];
}

/** Attachments of the chosen dialog and of its transmissions. */
export async function getAttachments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const dialog = await currentDialog.call(this);
	const language = currentLanguage.call(this);
	return allAttachments(dialog).map((attachment) => ({
		name:
			pickLocalized(attachment.displayName ?? null, language) ??
			attachment.name ??
			attachment.id ??
			'',
		value: attachment.id ?? '',
		description: (attachment.urls ?? [])
			.map((url) => `${url.consumerType}: ${url.url}`)
			.join(' | '),
	}));
}

/** Transmissions of the chosen dialog. */
export async function getTransmissions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const dialog = await currentDialog.call(this);
	const language = currentLanguage.call(this);
	return (dialog.transmissions ?? []).map((transmission) => ({
		name: `${pickLocalized(transmission.content?.title?.value ?? null, language) ?? transmission.id} (${transmission.type})`,
		value: transmission.id ?? '',
		description: transmission.createdAt,
	}));
}

/** Every content URL of the chosen dialog. */
export async function getContentUrls(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const dialog = await currentDialog.call(this);
	return contentReferences(dialog, currentLanguage.call(this)).map((entry) => ({
		name: entry.name,
		value: entry.url,
		description: entry.url,
	}));
}
