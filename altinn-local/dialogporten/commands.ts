// Turning service-owner request bodies (create, update, transmission, activity) into stored
// entities, with the validation rules Dialogporten documents for them. Rule violations are
// collected per field, ASP.NET style (`{"Content.Title": ["..."]}`), and answered with 400.
import { isValidNationalIdentityNumber, isValidOrgNumber } from '../fixtures/identifiers';
import {
	isUuidV7,
	uuidv7,
	type Activity,
	type ActivityType,
	type Actor,
	type ApiAction,
	type Attachment,
	type ContentValue,
	type DialogContent,
	type DialogStatus,
	type GuiAction,
	type Localization,
	type Schemas,
	type Transmission,
} from './model';

export type FieldErrors = Record<string, string[]>;

export class Errors {
	readonly fields: FieldErrors = {};
	add(field: string, message: string): void {
		(this.fields[field] ??= []).push(message);
	}
	get any(): boolean {
		return Object.keys(this.fields).length > 0;
	}
}

type CreateBody = Schemas['V1ServiceOwnerDialogsCommandsCreate_Dialog'];
type UpdateBody = Schemas['V1ServiceOwnerDialogsCommandsUpdate_Dialog'];
type CreateTransmission = Schemas['V1ServiceOwnerDialogsCommandsCreate_Transmission'];
type CreateActivity = Schemas['V1ServiceOwnerDialogsCommandsCreate_Activity'];
type CreateAttachment = Schemas['V1ServiceOwnerDialogsCommandsCreate_Attachment'];
type CreateGuiAction = Schemas['V1ServiceOwnerDialogsCommandsCreate_GuiAction'];
type CreateApiAction = Schemas['V1ServiceOwnerDialogsCommandsCreate_ApiAction'];

const PLAIN = ['text/plain'];
const MEDIA_TYPES: Record<keyof DialogContent, string[]> = {
	title: PLAIN,
	summary: PLAIN,
	senderName: PLAIN,
	extendedStatus: PLAIN,
	nonSensitiveTitle: PLAIN,
	nonSensitiveSummary: PLAIN,
	additionalInfo: ['text/plain', 'text/markdown'],
	mainContentReference: [
		'application/vnd.dialogporten.frontchannelembed-url;type=text/markdown',
		'application/vnd.dialogporten.frontchannelembed-url;type=text/html',
	],
};
const TRANSMISSION_MEDIA_TYPES: Record<string, string[]> = {
	title: PLAIN,
	summary: PLAIN,
	contentReference: MEDIA_TYPES.mainContentReference,
};

/** Input statuses `New` and `Sent` are legacy; the stand-in maps them to InProgress and Awaiting (unconfirmed). */
export function outputStatus(status: string | null | undefined): DialogStatus {
	if (!status || status === 'New') return 'InProgress';
	if (status === 'Sent') return 'Awaiting';
	return status as DialogStatus;
}

export function partyError(party: unknown): string | undefined {
	if (typeof party !== 'string' || party === '') return 'Party is required.';
	let m = /^urn:altinn:organization:identifier-no:(\d+)$/.exec(party);
	if (m)
		return isValidOrgNumber(m[1]) ? undefined : 'Party must be a valid organization number URN.';
	m = /^urn:altinn:person:identifier-no:(\d+)$/.exec(party);
	if (m)
		return isValidNationalIdentityNumber(m[1])
			? undefined
			: 'Party must be a valid national identity number URN.';
	if (
		/^urn:altinn:person:legacy-selfidentified:.+/.test(party) ||
		/^urn:altinn:person:idporten-email:.+@.+/.test(party)
	)
		return undefined;
	return "Party must be 'urn:altinn:organization:identifier-no:<orgno>' or 'urn:altinn:person:identifier-no:<national identity number>'.";
}

/** Absolute https URL, or http on a loopback host (the stand-in's own systems run on http). */
export function urlError(value: unknown): string | undefined {
	if (typeof value !== 'string') return 'A URL is required.';
	try {
		const u = new URL(value);
		if (u.protocol === 'https:') return undefined;
		if (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
			return undefined;
		return 'The URL must use https.';
	} catch {
		return 'The URL must be absolute.';
	}
}

function idError(id: string | null | undefined): string | undefined {
	if (id === undefined || id === null) return undefined;
	return isUuidV7(id) ? undefined : 'Id must be a valid UUIDv7.';
}

function localizations(
	value: Array<Partial<Localization>> | null | undefined,
	field: string,
	errors: Errors,
	required = false,
): Localization[] | undefined {
	if (!value || value.length === 0) {
		if (required) errors.add(field, `${field} must have at least one localization.`);
		return undefined;
	}
	const seen = new Set<string>();
	for (const [i, l] of value.entries()) {
		if (
			!l ||
			typeof l.languageCode !== 'string' ||
			!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(l.languageCode)
		)
			errors.add(`${field}[${i}].LanguageCode`, 'Language code must be an ISO 639 code.');
		if (!l || typeof l.value !== 'string' || l.value === '')
			errors.add(`${field}[${i}].Value`, 'Value must not be empty.');
		if (l && seen.has(l.languageCode ?? ''))
			errors.add(`${field}`, `Duplicate language code '${l.languageCode}'.`);
		if (l) seen.add(l.languageCode ?? '');
	}
	return value.map((l) => ({ languageCode: l.languageCode ?? '', value: l.value ?? '' }));
}

function contentValue(
	value: Schemas['V1CommonContent_ContentValue'] | null | undefined,
	field: string,
	allowed: string[],
	errors: Errors,
): ContentValue | undefined {
	if (!value) return undefined;
	if (!allowed.includes(value.mediaType ?? ''))
		errors.add(`${field}.MediaType`, `Media type must be one of: ${allowed.join(', ')}.`);
	const values = localizations(value.value, `${field}.Value`, errors, true) ?? [];
	return { mediaType: value.mediaType ?? '', value: values };
}

export function buildContent(
	body: CreateBody['content'] | UpdateBody['content'],
	isApiOnly: boolean,
	errors: Errors,
): DialogContent | undefined {
	if (!body) {
		if (!isApiOnly) errors.add('Content', 'Content is required unless the dialog is API-only.');
		return undefined;
	}
	const content: Partial<DialogContent> = {};
	for (const key of Object.keys(MEDIA_TYPES) as Array<keyof DialogContent>) {
		const v = contentValue(
			(body as Record<string, Schemas['V1CommonContent_ContentValue'] | null | undefined>)[key],
			`Content.${cap(key)}`,
			MEDIA_TYPES[key],
			errors,
		);
		if (v) content[key] = v;
	}
	if (!content.title) errors.add('Content.Title', 'Title is required.');
	return content as DialogContent;
}

export function actorFrom(
	value: Schemas['V1ServiceOwnerCommonActors_Actor'] | null | undefined,
	field: string,
	errors: Errors,
): Actor {
	if (!value || !value.actorType) {
		errors.add(field, `${field} is required.`);
		return { actorType: 'ServiceOwner' };
	}
	if (value.actorType === 'ServiceOwner' && (value.actorId || value.actorName))
		errors.add(field, 'ActorId and ActorName must be empty when ActorType is ServiceOwner.');
	if (value.actorType === 'PartyRepresentative' && !value.actorId && !value.actorName)
		errors.add(field, 'ActorId or ActorName is required when ActorType is PartyRepresentative.');
	if (
		value.actorId &&
		!/^urn:altinn:(person:identifier-no:\d{11}|organization:identifier-no:\d{9}|systemuser:uuid:.+|person:legacy-selfidentified:.+|person:idporten-email:.+)$/.test(
			value.actorId,
		)
	) {
		errors.add(`${field}.ActorId`, 'ActorId must be a party URN.');
	}
	const out: Actor = { actorType: value.actorType };
	if (value.actorId) out.actorId = value.actorId;
	if (value.actorName) out.actorName = value.actorName;
	return out;
}

export function buildAttachments(
	list: CreateAttachment[] | null | undefined,
	field: string,
	now: number,
	errors: Errors,
	withUrlIds = true,
): Attachment[] {
	return (list ?? []).map((a, i) => {
		const f = `${field}[${i}]`;
		const err = idError(a.id);
		if (err) errors.add(`${f}.Id`, err);
		if (!a.urls || a.urls.length === 0)
			errors.add(`${f}.Urls`, 'An attachment must have at least one URL.');
		return {
			id: a.id ?? uuidv7(now),
			name: a.name ?? undefined,
			displayName: localizations(a.displayName, `${f}.DisplayName`, errors),
			expiresAt: a.expiresAt ? Date.parse(a.expiresAt) : undefined,
			urls: (a.urls ?? []).map((u, j) => {
				const e = urlError(u.url);
				if (e) errors.add(`${f}.Urls[${j}].Url`, e);
				const urlId = withUrlIds ? (u as { id?: string | null }).id : undefined;
				return {
					id: urlId ?? uuidv7(now),
					url: u.url ?? '',
					mediaType: u.mediaType ?? undefined,
					consumerType: u.consumerType ?? 'Gui',
				};
			}),
		};
	});
}

export function buildGuiActions(
	list: CreateGuiAction[] | null | undefined,
	now: number,
	errors: Errors,
): GuiAction[] {
	const actions = (list ?? []).map((g, i) => {
		const f = `GuiActions[${i}]`;
		const e = urlError(g.url) ?? idError(g.id);
		if (e) errors.add(f, e);
		if (!g.action) errors.add(`${f}.Action`, 'Action is required.');
		if (!g.title || g.title.length === 0) errors.add(`${f}.Title`, 'Title is required.');
		return {
			id: g.id ?? uuidv7(now),
			action: g.action ?? '',
			url: g.url ?? '',
			authorizationAttribute: g.authorizationAttribute ?? undefined,
			isDeleteDialogAction: g.isDeleteDialogAction ?? false,
			priority: g.priority ?? 'Tertiary',
			httpMethod: g.httpMethod ?? 'GET',
			title: localizations(g.title, `${f}.Title`, errors),
			prompt: localizations(g.prompt, `${f}.Prompt`, errors),
		};
	});
	for (const priority of ['Primary', 'Secondary'] as const) {
		if (actions.filter((a) => a.priority === priority).length > 1)
			errors.add('GuiActions', `Only one GUI action can have priority ${priority}.`);
	}
	return actions;
}

export function buildApiActions(
	list: CreateApiAction[] | null | undefined,
	now: number,
	errors: Errors,
): ApiAction[] {
	return (list ?? []).map((a, i) => {
		const f = `ApiActions[${i}]`;
		if (!a.action) errors.add(`${f}.Action`, 'Action is required.');
		const e = idError(a.id);
		if (e) errors.add(`${f}.Id`, e);
		return {
			id: a.id ?? uuidv7(now),
			action: a.action ?? '',
			name: a.name ?? undefined,
			authorizationAttribute: a.authorizationAttribute ?? undefined,
			endpoints: (a.endpoints ?? []).map((ep, j) => {
				const ue = urlError(ep.url) ?? idError(ep.id);
				if (ue) errors.add(`${f}.Endpoints[${j}]`, ue);
				return {
					id: ep.id ?? uuidv7(now),
					url: ep.url ?? '',
					httpMethod: ep.httpMethod ?? 'GET',
					version: ep.version ?? undefined,
					documentationUrl: ep.documentationUrl ?? undefined,
					requestSchema: ep.requestSchema ?? undefined,
					responseSchema: ep.responseSchema ?? undefined,
					deprecated: ep.deprecated ?? false,
					sunsetAt: ep.sunsetAt ? Date.parse(ep.sunsetAt) : undefined,
				};
			}),
		};
	});
}

export function buildTransmission(
	t: CreateTransmission & { isSilentUpdate?: boolean },
	field: string,
	now: number,
	errors: Errors,
	isApiOnly: boolean,
): Transmission {
	const e = idError(t.id);
	if (e) errors.add(`${field}.Id`, e);
	let content: Transmission['content'];
	if (t.content) {
		const title = contentValue(
			t.content.title,
			`${field}.Content.Title`,
			TRANSMISSION_MEDIA_TYPES.title,
			errors,
		);
		if (!title) errors.add(`${field}.Content.Title`, 'Title is required.');
		content = {
			title: title ?? { mediaType: 'text/plain', value: [] },
			summary: contentValue(
				t.content.summary,
				`${field}.Content.Summary`,
				TRANSMISSION_MEDIA_TYPES.summary,
				errors,
			),
			contentReference: contentValue(
				t.content.contentReference,
				`${field}.Content.ContentReference`,
				TRANSMISSION_MEDIA_TYPES.contentReference,
				errors,
			),
		};
	} else if (!isApiOnly)
		errors.add(`${field}.Content`, 'Content is required unless the dialog is API-only.');
	const createdAt = t.createdAt ? Date.parse(t.createdAt) : now;
	return {
		id: t.id ?? uuidv7(createdAt),
		createdAt,
		type: t.type ?? 'Information',
		extendedType: t.extendedType ?? undefined,
		externalReference: t.externalReference ?? undefined,
		idempotentKey: t.idempotentKey ?? undefined,
		relatedTransmissionId: t.relatedTransmissionId ?? undefined,
		authorizationAttribute: t.authorizationAttribute ?? undefined,
		sender: actorFrom(t.sender, `${field}.Sender`, errors),
		content,
		attachments: buildAttachments(
			t.attachments as CreateAttachment[] | null | undefined,
			`${field}.Attachments`,
			createdAt,
			errors,
			false,
		),
		navigationalActions: (t.navigationalActions ?? []).map((n, i) => {
			const ue = urlError(n.url);
			if (ue) errors.add(`${field}.NavigationalActions[${i}].Url`, ue);
			return {
				title: localizations(n.title, `${field}.NavigationalActions[${i}].Title`, errors),
				url: n.url ?? '',
				expiresAt: n.expiresAt ? Date.parse(n.expiresAt) : undefined,
			};
		}),
	};
}

export function buildActivity(
	a: CreateActivity,
	field: string,
	now: number,
	errors: Errors,
	transmissionIds: Set<string>,
): Activity {
	const e = idError(a.id);
	if (e) errors.add(`${field}.Id`, e);
	if (a.description && a.description.length > 0 && a.type !== 'Information')
		errors.add(
			`${field}.Description`,
			"Description is only allowed for activities of type 'Information'.",
		);
	if (a.type === 'TransmissionOpened' && !a.transmissionId)
		errors.add(
			`${field}.TransmissionId`,
			"TransmissionId is required for activities of type 'TransmissionOpened'.",
		);
	if (a.transmissionId && !transmissionIds.has(a.transmissionId))
		errors.add(
			`${field}.TransmissionId`,
			`Transmission ${a.transmissionId} does not exist in the dialog.`,
		);
	if (a.type === 'DialogDeleted' || a.type === 'DialogRestored')
		errors.add(
			`${field}.Type`,
			`Activities of type '${a.type}' are created by Dialogporten itself.`,
		);
	const createdAt = a.createdAt ? Date.parse(a.createdAt) : now;
	return {
		id: a.id ?? uuidv7(createdAt),
		createdAt,
		type: a.type as ActivityType,
		extendedType: a.extendedType ?? undefined,
		transmissionId: a.transmissionId ?? undefined,
		performedBy: actorFrom(a.performedBy, `${field}.PerformedBy`, errors),
		description: localizations(a.description, `${field}.Description`, errors),
	};
}

function cap(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
