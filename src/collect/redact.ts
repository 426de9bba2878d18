// Last line of defence for credentials: masks known secret values in any text kiteguard prints.

/** Returns a function that replaces every occurrence of the given secrets with `[redacted]`. */
export function redactor(secrets: Array<string | undefined>): (text: string) => string {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  if (values.length === 0) return (text) => text;
  return (text) => values.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
