// Query-string helpers shared by the evidence list DTOs.
export const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
