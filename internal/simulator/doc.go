// Package simulator is an in-memory simulator of the Bitdefender GravityZone partner (MSP) JSON-RPC
// API. It is what the quickstart, the acceptance tests and users' own CI run against, so it follows
// the vendor's documented behaviour (paths, envelope, errors, limits and rules) and, where the
// documentation is silent, the stricter reading: code that works against it should work against
// GravityZone.
//
// # Use
//
// A Server is an http.Handler. Tests start it in-process:
//
//	sim, err := simulator.New(simulator.Options{})
//	srv := httptest.NewServer(sim) // API URL: srv.URL + "/api", key: sim.APIKey()
//
// The gravityzone-simulator command serves it on a port.
//
// # What is simulated
//
// POST /api/v1.0/jsonrpc/{service} (a trailing slash is accepted) with HTTP Basic authentication
// (the API key as user name; the password is ignored) and a JSON-RPC 2.0 request object:
//
//   - companies: createCompany, getCompanyDetails, updateCompanyDetails, deleteCompany,
//     suspendCompany, activateCompany, findCompaniesByName
//   - licensing: getLicenseInfo, setMonthlySubscription, getMonthlyUsage, getMonthlyUsagePerProductType
//   - network: getCompaniesList
//   - general: getApiKeyDetails
//
// The main API key belongs to the root partner company, which holds a monthly subscription with an
// unlimited seat pool. Every call can reach only the key's company and its descendants. Company ids
// are 24 hexadecimal characters derived from Options.Seed, so the same seed gives the same ids.
//
// Errors carry the documented codes with a data.details sentence that says what to change: -32700
// Parse error, -32600 Invalid Request, -32601 Method not found, -32602 Invalid params (naming the
// parameter), -32000 Server error, -32002 Resource not found and -32003 Too many requests. They are
// sent with HTTP 200, except authentication failures (401), HTTP methods other than POST (405) and
// rate limiting (429, with Retry-After). Unknown paths get a bare 404.
//
// Rate limits follow the documented table, per API key and method: 10 requests per second (burst 10)
// by default; 5 per second (burst 5) for getLicenseInfo, getMonthlyUsage, getMonthlyUsagePerProductType,
// deleteCompany, updateCompanyDetails, suspendCompany, activateCompany and the other methods of that
// row; 30 per minute (burst 10) for setMonthlySubscription. Options.RateLimitMultiplier multiplies the
// rates (not the bursts).
//
// Faults (Options.Faults, see ParseFaults and FaultKind) are drawn from a random sequence seeded by
// Options.Seed: the same requests in the same order get the same faults.
//
// With Options.StatePath the whole state is kept in a JSON file, loaded at start and rewritten after
// every change through a temporary file and a rename. A change that cannot be saved is undone and
// answered with -32000.
//
// # Administrative endpoints
//
// Beside /api, with HTTP Basic authentication by the main API key only:
//
//   - GET /_simulator/stats: {"requests":{"companies.createCompany":3,…},"rateLimited":0,"faultsInjected":0};
//     requests are counted per service.method as received once authenticated and well formed,
//     rate-limited and faulted ones included; rateLimited counts the 429 answers sent.
//   - POST /_simulator/usage {"companyId","month":"MM/YYYY","usedSlots","counters":{…}}: sets that
//     company's own usage for the month; any counter name is accepted.
//   - POST /_simulator/reset: back to the root company alone (its id depends only on the seed),
//     without extra keys, with zeroed stats, full rate-limit buckets and the fault sequence restarted.
//   - GET /_simulator/state: the whole state, in the state file's format.
//   - POST /_simulator/apikeys {"companyId"}: creates an API key for a partner company; calls with it
//     see that company's subtree only, as a key created in that company would.
//
// # Choices where the API documentation is ambiguous
//
// The numbers in brackets are the open questions of the project's API notes.
//
//  1. [1] setMonthlySubscription lives on /licensing only. Any method called on another API path
//     answers -32601, and details name the right path.
//  2. [2, 3, 13, 14, 15] The licensing rules (omitted add-ons, createCompany's licenseSubscription,
//     trial sizes, protection models, R15) are those of package licensing, whose documentation lists
//     its own choices under "Licensing behaviour".
//  3. [4] getLicenseInfo returns one object. returnAllProducts=true adds an empty additionalLicenses
//     array (the simulator holds no yearly keys); page and perPage are rejected as unknown parameters.
//  4. [5] A missing or wrong key is HTTP 401 with -32000 "Server error" and the documented details
//     ("Authorization header not passed, HTTP Basic Authentication should be used." or "Invalid API
//     key. Please generate an API key in Control Center."). Invalid or conflicting parameters are
//     -32602, also when the conflict is with the stored state (a duplicate name, a parentId that is not
//     a partner, a type change of a partner with children). A companyId or id that does not exist, or
//     that the key does not manage, is -32002 "Resource not found": the two cases are
//     indistinguishable. Refused operations on an existing company are -32000: deleting a partner
//     that still has companies, and deleteCompany, suspendCompany, activateCompany or
//     setMonthlySubscription on the key's own company ("Id of a managed company is expected"). Every
//     simulated API is enabled for every key, so 403 and -32001 are never sent. API paths GravityZone
//     has but the simulator does not (accounts, policies, …) answer -32601.
//  5. [6] Default rate 10 requests per second. GravityZone queues burst requests and runs them late;
//     the simulator answers them at once. Retry-After is one integer number of seconds, at least 1,
//     and the 429 body is always the JSON-RPC -32003 error.
//  6. [7] suspendCompany requires recursive; activateCompany accepts it, default false. Both are
//     idempotent; recursive=false leaves descendants as they are (R36).
//  7. [8] getCompanyDetailsByUser is not simulated (-32601).
//  8. [9] findCompaniesByName ignores case. nameFilter is a prefix, or with a leading * a substring;
//     it must not be empty ("*" alone matches every company). maxResults is 1–100, default 25. It
//     searches the key's whole subtree, never the key's own company, and lists the oldest first.
//  9. [10] industry is accepted as an integer or a string of digits and returned as an integer. It
//     must be a documented code: 0–34, or a sub-code <top><NN> within the documented range (e.g. 3004).
//  10. [11] Company names are unique across the whole simulator, ignoring case. So are accountEmail
//     values (they are logins).
//  11. [12] createCompany without parentId creates the company under the key's company.
//  12. [16] getCompaniesList takes parentId (default: the key's company) and filters {companyType,
//     licenseType}; anything else, page and perPage included, is rejected. A parentId that is not a
//     partner the key manages answers -32602 "Invalid value for 'parentId'". It lists direct children
//     only, oldest first, as [{id, name}]. licenseType 1 (trial) matches subscription types 1, 4, 5
//     and 6; 2 matches yearly licenses (2); 3 monthly subscriptions (3).
//  13. [17] getCompanyDetails carries no license fields; they are in getLicenseInfo.
//  14. [18] Every method reads its parameters through one decoder, package params. JSON null for an
//     optional parameter means the parameter is omitted. Unknown parameters are rejected, naming the
//     parameter and listing the accepted ones. "params": [] is accepted as no parameters; a nested
//     object (contactPerson, filters, ownUse, …) must be an object, except customFields, where []
//     clears the set. An integer parameter must be written as a JSON integer: 1.0 and 1e3 are refused
//     as not integers, while 99999999999 is read and then refused, or accepted, by the parameter's own
//     range. Booleans are true or false, strings are strings; nothing is converted, except industry
//     (see 9) and manageIntegrityMonitoring (licensing choice 18). Refusals read "Invalid value for
//     '<parameter>': …", "Missing required parameter '<parameter>' for <method>." or "Unknown parameter
//     '<parameter>': …", or, for a rule of the licensing or company fields, a sentence naming the
//     parameter.
//  15. [19] getMonthlyUsage of a company adds up its own usage and that of all its descendants;
//     getLicenseInfo's usedSlots is the same sum of usedSlots for the current month.
//  16. getCompanyDetails returns id, name, type, parentCompanyId (the name seen on live tenants;
//     absent for the root), address, phone, country and state ("N/A" when unset), industry,
//     canBeManagedByAbove, enforce2FA, skip2FAPeriod, isSuspended, createdAt ("2006-01-02T15:04:05",
//     UTC), contactPerson (when set, with its four members) and customFields. riskScore and
//     companyPath are not simulated.
//  17. Field formats: name 1–64 characters, not blank, without < or >; address at most 128 and phone
//     at most 32 characters, without < or >; country an ISO 3166-1 alpha-2 code in capitals; state 1–3
//     capital letters or digits (the ISO 3166-2 subdivision part, e.g. NY); "" clears either.
//     accountLanguage is like en_US (default), accountTimezone a zone name (default GMT). E-mail
//     addresses must be bare addresses.
//  18. enforce2FA is documented as "always true": a sent value is type-checked and ignored.
//  19. updateCompanyDetails changes only the fields sent and is all-or-nothing. customFields replaces
//     the stored set with an object of string, integer or boolean values ([] clears it; field
//     definitions are not checked). mdrContactInformation and duplicateClosedIncidentsOnUpdate are
//     accepted and have no effect. The key's own company cannot change type; Partner→Customer needs a
//     company without children (R35); Customer→Partner is always allowed.
//  20. deleteCompany also deletes the company's usage records and the API keys created for it.
//  21. getMonthlyUsage always returns every documented counter (zeros included, and the live-only
//     mspSecureEssentials, compliance and phasr counters) plus any counter set through the admin
//     endpoint, and minimumUsage {endpointMonthlyUsage} from the company's subscription. targetMonth
//     must be mm/yyyy (default: the current UTC month). Usage set through the admin endpoint counts as
//     Endpoint Security: productType 3 (EDR) and 5 (PHASR) report zeros, and
//     getMonthlyUsagePerProductType returns entries for product types 0, 3 and 5. usageCoverageType 3
//     requires both registration dates (R37) and counts companies whose createdAt lies between them
//     (a bare end date covers its whole day); the dates without usageCoverageType are rejected.
//  22. The envelope must have "jsonrpc": "2.0", a string or number id (notifications and batches
//     are -32600) and Content-Type application/json (-32600 otherwise). A non-POST request is answered
//     405 with Allow: POST and a -32600 body.
//  23. Faults other than reset-after-commit and slow answer instead of running the method, so they
//     change nothing. http500 and http502 answer with an HTML page, as a proxy would. slow holds the
//     request for Options.SlowDuration (default two minutes), then runs it, unless the client has gone,
//     in which case it does not run.
//
// # Not simulated
//
// API keys restricted to some APIs (403), suspended companies' users and keys (they keep working),
// custom field definitions, yearly license keys (setLicenseKey, addProductKey, removeProductKey),
// MDR contact data and usage that grows by itself: usage is zero until set through the admin endpoint.
package simulator
