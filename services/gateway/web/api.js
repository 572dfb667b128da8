// The REST gateway, called with the signed-in user's token (docs/integration.md). Every refusal
// comes back as {"error": {code, status, message, field}}: thrown as an ApiError.

export class ApiError extends Error {
  constructor(httpStatus, error) {
    super(error?.message ?? `HTTP ${httpStatus}`);
    this.httpStatus = httpStatus;
    this.status = error?.status ?? '';
    this.field = error?.field ?? '';
  }
}

export class Api {
  constructor(token) {
    this.token = token;
  }

  async call(method, path, body) {
    const init = {method, headers: {Authorization: `Bearer ${this.token}`}};
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) throw new ApiError(response.status, json?.error);
    return json;
  }

  get(path) { return this.call('GET', path); }
  post(path, body) { return this.call('POST', path, body ?? {}); }
}

// The claims of a lkip token (a JWT): {sub, role, prov, satker, exp}. Read for display only; the
// services check the signature on every call.
export function claimsOf(token) {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw new Error('Token tidak berbentuk JWT (tiga bagian dipisah titik).');
  const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(base64.padEnd(base64.length + (4 - base64.length % 4) % 4, '=')))
      .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}
