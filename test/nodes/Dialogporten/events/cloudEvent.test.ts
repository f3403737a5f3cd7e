import {
	eventToItemJson,
	isCloudEvent,
	readCloudEvent,
} from '../../../../nodes/Dialogporten/events/cloudEvent';

const dialogId = 'f4e6df3c-7434-44c3-875e-8dca1cdf0b20';
const base = 'https://platform.altinn.no/dialogporten/api/v1/enduser/dialogs';

describe('isCloudEvent / readCloudEvent', () => {
	const event = {
		specversion: '1.0',
		id: 'a',
		type: 'dialogporten.dialog.created.v1',
		source: `${base}/${dialogId}`,
	};

	it('needs specversion, id, type and source as non-empty strings', () => {
		expect(isCloudEvent(event)).toBe(true);
		for (const key of ['specversion', 'id', 'type', 'source'] as const) {
			expect(isCloudEvent({ ...event, [key]: undefined })).toBe(false);
			expect(isCloudEvent({ ...event, [key]: '' })).toBe(false);
			expect(isCloudEvent({ ...event, [key]: 1 })).toBe(false);
		}
		expect(isCloudEvent([event])).toBe(false);
		expect(isCloudEvent('text')).toBe(false);
		expect(isCloudEvent(null)).toBe(false);
	});

	it('reads a parsed body, or the raw body when n8n left it unparsed', () => {
		expect(readCloudEvent(event, undefined)).toEqual(event);
		expect(readCloudEvent({}, Buffer.from(`\uFEFF${JSON.stringify(event)}`))).toEqual(event);
		expect(readCloudEvent(JSON.stringify(event), undefined)).toEqual(event);
		expect(readCloudEvent({}, Buffer.from('not json'))).toBeUndefined();
		expect(readCloudEvent({}, undefined)).toBeUndefined();
		expect(readCloudEvent({ hello: 'world' }, Buffer.from('{"hello":"world"}'))).toBeUndefined();
	});
});

describe('eventToItemJson', () => {
	it('keeps the event and adds dialog, party, resource and activity ids', () => {
		const activityId = '21241c7e-819f-462b-b8a4-d5d32352311a';
		const event = {
			specversion: '1.0',
			id: '91f2388f-bd8c-4647-8684-fd9f68af5b15',
			type: 'dialogporten.dialog.activity.signature-provided.v1',
			time: '2025-02-20T13:04:02.6518542Z',
			resource: 'urn:altinn:resource:super-simple-service',
			resourceinstance: dialogId,
			subject: 'urn:altinn:organization:identifier-no:991825827',
			source: `${base}/${dialogId}/activities/${activityId}`,
			data: { activityId, extendedActivityType: 'additional-info-received' },
		};
		expect(eventToItemJson(event)).toEqual({
			...event,
			dialogId,
			serviceResource: event.resource,
			party: event.subject,
			activityId,
		});
	});

	it('parses the transmission id from source, where Dialogporten puts it', () => {
		const transmissionId = '0194f0b2-1111-7222-8333-944455556666';
		const json = eventToItemJson({
			specversion: '1.0',
			id: 'x',
			type: 'dialogporten.dialog.transmission.created.v1',
			resourceinstance: dialogId,
			source: `${base}/${dialogId}/transmissions/${transmissionId}`,
			data: { senderType: 'ServiceOwner' },
		});
		expect(json.transmissionId).toBe(transmissionId);
		expect(json.activityId).toBeUndefined();
	});
});
