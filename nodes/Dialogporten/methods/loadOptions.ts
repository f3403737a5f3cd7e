import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { allAttachments, chooseEndpoint, contentReferences, findAction } from '../helpers/actions';
import type { AnyDialog, ApiAction, ApiActionEndpoint, GuiAction } from '../helpers/interfaces';
import { pickLocalized } from '../helpers/simplify';
import { currentDialog, currentLanguage, currentParameter } from './common';

/**
 * The value a picked action is stored as: its name (e.g. "confirm") or authorization action when
 * that finds the same action in this dialog, so the choice stays valid for the next item's dialog
 * of the same service ("gui:<action>" for a GUI action whose name an API action has too); the ID
 * only when even that is ambiguous here.
 */
function actionValue(dialog: AnyDialog, action: ApiAction | GuiAction): string {
	const candidates =
		'endpoints' in action
			? [(action as ApiAction).name, action.action, action.id]
			: [action.action, action.action && `gui:${action.action}`, action.id];
	for (const candidate of candidates) {
		if (candidate && findAction(dialog, candidate)?.action === action) return candidate;
	}
	return action.id ?? '';
}

/** API actions (called by this node) and GUI actions (output for a browser) of the chosen dialog. */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const dialog = await currentDialog.call(this);
	if (!dialog) return [];
	const language = currentLanguage.call(this);
	const api = ((dialog.apiActions ?? []) as ApiAction[]).map((action) => {
		const endpoint = (action.endpoints ?? [])[0];
		return {
			name: `API: ${action.name ?? action.action}${endpoint ? ` (${endpoint.httpMethod})` : ''}`,
			value: actionValue(dialog, action),
			description: endpoint ? endpoint.url : 'No endpoints',
		};
	});
	const gui = ((dialog.guiActions ?? []) as GuiAction[]).map((action) => ({
		name: `GUI: ${pickLocalized(action.title ?? null, language) ?? action.action}`,
		value: actionValue(dialog, action),
		description: action.url,
	}));
	return [...api, ...gui];
}

/** Endpoints (versions) of the chosen API action, stored by version where that is unambiguous. */
export async function getActionEndpoints(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const firstUsable: INodePropertyOptions = {
		name: 'First Non-Deprecated',
		value: '',
		description: 'The first endpoint that is neither deprecated nor past its sunset date',
	};
	const dialog = await currentDialog.call(this);
	if (!dialog) return [firstUsable];
	const selector = String(currentParameter.call(this, 'actionId') ?? '');
	const found = selector ? findAction(dialog, selector) : undefined;
	if (found?.kind !== 'api') return [firstUsable];
	const endpoints = ((found.action.endpoints ?? []) as ApiActionEndpoint[]).map((endpoint) => {
		const byVersion =
			endpoint.version && chooseEndpoint(found.action, endpoint.version) === endpoint;
		return {
			name: `${endpoint.version ?? endpoint.httpMethod}${endpoint.deprecated ? ' (deprecated)' : ''}`,
			value: (byVersion ? endpoint.version : endpoint.id) ?? '',
			description: `${endpoint.httpMethod} ${endpoint.url}`,
		};
	});
	return [firstUsable, ...endpoints];
}

/** Attachments of the chosen dialog and of its transmissions. */
export async function getAttachments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const dialog = await currentDialog.call(this);
	if (!dialog) return [];
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
	if (!dialog) return [];
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
	if (!dialog) return [];
	return contentReferences(dialog, currentLanguage.call(this)).map((entry) => ({
		name: entry.name,
		value: entry.url,
		description: entry.url,
	}));
}
