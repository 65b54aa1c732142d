export * from './person-draft';
export { classifyUrl } from './link-kind';
export { parseConnectedOn, parseLinkedInConnections } from './linkedin-connections';
export { parseVCards, serializeVCards, type VCardPerson, type VCardVersion } from './vcard';
