// Seed dialogs: deterministic (a seeded PRNG), spread over the fixture parties and the service
// owners' resources, each with content, a GUI and an API action against the correspondence-style
// system, an attachment, a transmission and activities. Only the searchable fields are materialised
// at seeding time; the rest is built when a dialog is first read.
import { orgUrn, organizations, persons, personUrn, resources } from '../fixtures';
import {
	StoredDialog,
	uuidv4,
	uuidv7,
	type DialogDetails,
	type DialogStatus,
	type Localization,
	type SystemLabel,
} from './model';

const ARCHIVE: SystemLabel[] = ['Archive'];
const BIN: SystemLabel[] = ['Bin'];
const STATUSES: DialogStatus[] = [
	'InProgress',
	'Awaiting',
	'RequiresAttention',
	'Completed',
	'NotApplicable',
	'Draft',
];
const SUBJECTS: Array<{ nb: string; en: string }> = [
	{ nb: 'Søknad om tilskudd', en: 'Grant application' },
	{ nb: 'Melding om vedtak', en: 'Notice of decision' },
	{ nb: 'Innsending av rapport', en: 'Report submission' },
	{ nb: 'Varsel om frist', en: 'Deadline notice' },
	{ nb: 'Bekreftelse på mottak', en: 'Receipt confirmation' },
];

export const SEED_PARTIES = [
	personUrn(persons.ola.pid),
	orgUrn(organizations.bakery.orgNumber),
	personUrn(persons.kari.pid),
	orgUrn(organizations.fishery.orgNumber),
	personUrn(persons.per.pid),
	orgUrn(organizations.accountant.orgNumber),
];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function loc(nb: string, en: string): Localization[] {
	return [
		{ languageCode: 'nb', value: nb },
		{ languageCode: 'en', value: en },
	];
}

export function seedTitle(index: number): { nb: string; en: string } {
	const s = SUBJECTS[index % SUBJECTS.length];
	return { nb: `${s.nb} nr. ${index + 1}`, en: `${s.en} no. ${index + 1}` };
}

export function correspondenceUrls(
	baseUrl: string,
	dialogId: string,
): { content: string; confirm: string; ui: string } {
	const base = `${baseUrl}/platform/correspondence/api/v1/correspondence/${dialogId}`;
	return {
		content: `${base}/content`,
		confirm: `${base}/confirm`,
		ui: `${baseUrl}/platform/correspondence/ui/correspondence/${dialogId}`,
	};
}

/** The full details of seeded dialog number `index`. */
export function seedDetails(d: StoredDialog, index: number, baseUrl: string): DialogDetails {
	const title = seedTitle(index);
	const urls = correspondenceUrls(baseUrl, d.id);
	const transmissionId = uuidv7(d.createdAt + 1000);
	const serviceOwner = { actorType: 'ServiceOwner' as const };
	const activities: DialogDetails['activities'] = [
		{
			id: uuidv7(d.createdAt),
			createdAt: d.createdAt,
			type: 'DialogCreated',
			performedBy: serviceOwner,
		},
		{
			id: uuidv7(d.createdAt + 2000),
			createdAt: d.createdAt + 2000,
			type: 'Information',
			performedBy: serviceOwner,
			description: loc(
				`Saken er registrert (${index + 1})`,
				`The case has been registered (${index + 1})`,
			),
		},
	];
	if (index % 2 === 1) {
		activities.push({
			id: uuidv7(d.contentUpdatedAt),
			createdAt: d.contentUpdatedAt,
			type: 'TransmissionOpened',
			transmissionId,
			performedBy: {
				actorType: 'PartyRepresentative',
				actorId: d.party.startsWith('urn:altinn:person') ? d.party : personUrn(persons.ola.pid),
			},
		});
	}
	return {
		content: {
			title: { mediaType: 'text/plain', value: loc(title.nb, title.en) },
			summary: {
				mediaType: 'text/plain',
				value: loc(`Sammendrag for sak ${index + 1}`, `Summary of case ${index + 1}`),
			},
			senderName: { mediaType: 'text/plain', value: loc('Testdepartementet', 'The Test Ministry') },
			additionalInfo: {
				mediaType: 'text/markdown',
				value: loc(
					`Les mer i **meldingen** (${index + 1}).`,
					`Read more in the **message** (${index + 1}).`,
				),
			},
		},
		attachments: [
			{
				id: uuidv7(d.createdAt),
				name: `vedlegg-${index + 1}.txt`,
				displayName: loc('Vedlegg', 'Attachment'),
				urls: [
					{
						id: uuidv7(d.createdAt),
						url: urls.content,
						mediaType: 'application/json',
						consumerType: 'Api',
					},
				],
			},
		],
		guiActions: [
			{
				id: uuidv7(d.createdAt),
				action: 'read',
				url: urls.ui,
				isDeleteDialogAction: false,
				priority: 'Primary',
				httpMethod: 'GET',
				title: loc('Les melding', 'Read message'),
			},
			{
				id: uuidv7(d.createdAt),
				action: 'confirm',
				url: urls.confirm,
				isDeleteDialogAction: false,
				priority: 'Secondary',
				httpMethod: 'POST',
				title: loc('Bekreft', 'Confirm'),
				prompt: loc('Vil du bekrefte meldingen?', 'Do you want to confirm the message?'),
			},
		],
		apiActions: [
			{
				id: uuidv7(d.createdAt),
				action: 'read',
				name: 'getContent',
				endpoints: [
					{
						id: uuidv7(d.createdAt),
						url: urls.content,
						httpMethod: 'GET',
						version: 'v1',
						deprecated: false,
					},
				],
			},
			{
				id: uuidv7(d.createdAt),
				action: 'confirm',
				name: 'confirm',
				endpoints: [
					{
						id: uuidv7(d.createdAt),
						url: urls.confirm,
						httpMethod: 'POST',
						version: 'v1',
						deprecated: false,
					},
				],
			},
		],
		transmissions: [
			{
				id: transmissionId,
				createdAt: d.createdAt + 1000,
				type: 'Information',
				sender: serviceOwner,
				content: {
					title: {
						mediaType: 'text/plain',
						value: loc(`Melding i sak ${index + 1}`, `Message in case ${index + 1}`),
					},
					summary: {
						mediaType: 'text/plain',
						value: loc('Du har fått en melding.', 'You have received a message.'),
					},
				},
				attachments: [],
				navigationalActions: [{ title: loc('Åpne', 'Open'), url: urls.ui }],
			},
		],
		activities,
		searchTags: [`sak-${index + 1}`],
	};
}

// Each dialog keeps the base URL of the stand-in that seeded it: several stand-ins may run in one
// process, and each one's dialogs must point at its own correspondence system.
StoredDialog.seedDetails = (d) => seedDetails(d, d.seedIndex!, d.seedBaseUrl!);

/** Builds `count` seed dialogs. Fast: ~1 µs of bookkeeping per dialog plus two UUIDs. */
export function seedDialogs(count: number, baseUrl: string, seed = 4711): StoredDialog[] {
	const rand = prng(seed);
	const now = Date.now();
	const year = 365 * 24 * 3600 * 1000;
	const out: StoredDialog[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const d = new StoredDialog();
		const other = i % 20 === 19;
		const resource = other
			? resources.otherOwner
			: i % 3 === 2
				? resources.messages
				: resources.demo;
		d.createdAt = now - Math.floor(rand() * year) - 60_000;
		d.contentUpdatedAt =
			d.createdAt +
			2000 +
			Math.floor(rand() * Math.min(now - d.createdAt - 2000, 30 * 24 * 3600 * 1000));
		d.updatedAt = d.contentUpdatedAt;
		d.id = uuidv7(d.createdAt);
		d.org = resource.owner;
		// Round-robin with a shift per round, so parties and resources are not correlated.
		d.party = SEED_PARTIES[(i + Math.floor(i / SEED_PARTIES.length)) % SEED_PARTIES.length];
		d.serviceResource = resource.urn;
		d.serviceResourceType = resource.resourceType;
		d.revision = uuidv4();
		d.status = STATUSES[Math.floor(rand() * STATUSES.length)];
		if (rand() < 0.3) d.dueAt = d.createdAt + Math.floor(rand() * year);
		d.externalReference = `ext-${i + 1}`;
		d.process = `urn:altinn:local:process:${i + 1}`;
		if (i % 10 === 3) d.systemLabels = ARCHIVE;
		else if (i % 25 === 7) d.systemLabels = BIN;
		if (i % 4 === 0) d.extendedStatus = 'urn:altinn:local:status:received';
		d.seedIndex = i;
		d.seedBaseUrl = baseUrl;
		out[i] = d;
	}
	return out;
}

/** Free-text match over a seeded dialog that has not been materialised yet (no allocation per text). */
export function seedMatches(index: number, search: string, language?: string): boolean {
	const s = SUBJECTS[index % SUBJECTS.length];
	const n = index + 1;
	const nb = language === undefined || language === 'nb';
	const en = language === undefined || language === 'en';
	return (
		(nb &&
			(`${s.nb} nr. ${n}`.toLowerCase().includes(search) ||
				`sammendrag for sak ${n}`.includes(search) ||
				'testdepartementet'.includes(search))) ||
		(en &&
			(`${s.en} no. ${n}`.toLowerCase().includes(search) ||
				`summary of case ${n}`.includes(search)))
	);
}
