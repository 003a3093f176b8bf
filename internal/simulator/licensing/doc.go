// Package licensing holds the simulator's licensing rules: it builds and changes a company's license
// from a decoded createCompany licenseSubscription object or setMonthlySubscription request, and
// renders getLicenseInfo.
//
// # Licensing behaviour
//
// Licenses are created by companies.createCompany (its licenseSubscription object) and changed by
// licensing.setMonthlySubscription; licensing.getLicenseInfo reports them. Every rejected request is
// answered with JSON-RPC -32602 "Invalid params" and a data.details sentence that names the parameter
// and says what to change. The rules are those of the vendor's setMonthlySubscription and createCompany
// pages (R1–R38 in the project's API notes). Where those pages are silent or contradict themselves, the
// simulator behaves as follows:
//
//  1. A setMonthlySubscription request describes the complete add-on set (the vendor's guide: "include
//     all previous parameters associated with add-ons that are already enabled"). Every top-level
//     manage* flag, every ownUse and resell member (also when the whole object is left out),
//     licensedServices and imDataRetention that the request omits goes back to its default: false,
//     0 or "disabled". To keep an add-on, send it again.
//  2. Everything else is kept when omitted: reservedSlots (as documented), endSubscription,
//     autoRenewPeriod, minimumUsage, assignedProductType, assignedProtectionModel and a partner's
//     additionalProtectionModels. additionalProductTypes is kept too, unless it would no longer contain
//     a newly sent assignedProductType; it then becomes [assignedProductType], its documented default.
//  3. The top-level manageRemoteEnginesScanning, manageContainerProtection, manageEventCorrelator,
//     manageSandboxAnalyzer and manageHyperDetect flags are the older, combined form of their ownUse and
//     resell settings: sent at top level, the value applies to the company's own use and, for a
//     partner, to reselling as well. That is why a request may not carry both forms (R7–R11). The
//     top-level flag that getLicenseInfo reports always equals the ownUse value.
//  4. Implications win over values sent in the same request: manageEventCorrelator sent (true or false)
//     sets manageHyperDetect and manageSandboxAnalyzer to the same value (R1); then
//     licensedServices.mdrServiceOwnUse 1 turns on EDR for own use and, for a partner, MDR reselling
//     (R17); then EDR on turns on HyperDetect and Sandbox Analyzer, for own use (R2) and for reselling
//     (R3). Omitting manageEventCorrelator leaves HyperDetect and Sandbox Analyzer as the rest of the
//     request sets them (see 1).
//  5. resell.manageXDRResell (R6) changes nothing in the partner's own ownUse XDR sensor settings and
//     does not switch sensors on in existing child companies (that would start billable sensors nobody
//     asked for, and children without EDR would break R4). It makes the four XDR sensor settings
//     available to the partner's managed companies (see 8). XDR counts as active while any of the four
//     sensor settings is on (R5); there is no separate switch.
//  6. resell.manageRemoteEnginesScanningResell (R15) is checked like its container twin (R14): the
//     partner's additionalProtectionModels must contain aLaCarte. The vendor's own request example uses
//     assignedProtectionModel mspSecure with aLaCarte among the resold models and resells Security for
//     Virtualized Environments; it is accepted. A partner that cannot give aLaCarte to any client
//     cannot resell that service.
//  7. The aLaCarte conditions (R12–R15) apply to companies that have protection models. A company
//     without any (a type 5 trial, or the Bitdefender EDR standalone product) is not restricted by them.
//  8. Under a parent on monthly subscription a company can only use or resell what that parent resells:
//     its product types must be among the parent's additionalProductTypes, its assignedProtectionModel
//     (and any model it resells beyond that model's defaults) among the parent's
//     additionalProtectionModels, EDR, HyperDetect, Sandbox Analyzer, Security for Virtualized
//     Environments and Container Protection need the parent's matching resell setting, the XDR sensors
//     and XDR reselling need the parent's resell.manageXDRResell, and MDR needs the parent's
//     mdrServiceResell (R18), plus the EDR that MDR brings. Add-ons that have no resell setting (Exchange, encryption, patch
//     management, email and mobile security, integrity monitoring) are not limited this way. The root
//     company resells everything; parents on trial or yearly licenses limit nothing. When a parent stops
//     reselling something, its children keep it until their next change, which must drop it; only
//     protection models move at once (see 16).
//  9. Settings meant for partners (resell, mdrServiceResell, additionalProductTypes beyond
//     assignedProductType, additionalProtectionModels beyond the defaults of the assigned model) are
//     rejected for a customer company only when they would grant something. Sent at their neutral
//     value (false, [assignedProductType], the defaults) they are accepted, so a client may always send
//     the full object.
//  10. imDataRetention other than 0 while Integrity Monitoring ends up off is rejected rather than ignored
//     (R30): a longer retention is billed, so silently dropping it would hide a mistake. Turning
//     Integrity Monitoring off resets the retention to 0 (7 days); getLicenseInfo reports
//     imDataRetention only while Integrity Monitoring is on.
//  11. reservedSlots must be at least 1 (R28); 0 is rejected with a pointer to removeReservedSlots, which
//     returns the company to dynamic provisioning. A reservation may not exceed the seats the parent can
//     still reserve (only when the parent has a reservation itself; the root's pool is unlimited) nor
//     drop below what the company's own children have reserved. removeReservedSlots true together with
//     reservedSlots is rejected as contradictory; removeReservedSlots false changes nothing.
//  12. endSubscription takes YYYY-MM-DD or a UTC date-time (2029-04-14T00:00:00 or RFC 3339) and is stored
//     as the date; it may not lie in the past. ” removes the end date and with it autoRenewPeriod.
//     autoRenewPeriod needs an end date (sent in the same request or already set) and is rejected
//     otherwise; it becomes 12 when an end date is set and no period has been. A monthly subscription's
//     expiryDate is its end date at 00:00:00.
//  13. setMonthlySubscription moves a company of any license type to type 3 (monthly subscription): from a
//     trial (1, 4, 5), a yearly license (2, whose key is dropped) or FRAT (6).
//  14. createCompany without licenseSubscription (or with null) creates a trial, type 1. With the object,
//     its type is required. Only types 3 and 5 take add-ons, ownUse, resell, product types and
//     reservedSlots; only type 3 takes endSubscription, autoRenewPeriod, minimumUsage, licensedServices
//     and protection models; only type 2 takes licenseKey, and needs it (R29). Type 4 is for partners and
//     type 5 for customers (R38). Trials run 30 days with 50 seats (type 1) or 45 days with 25 seats
//     (types 4 and 5); a type 2 license expires a year after creation; FRAT has no expiry date.
//  15. A monthly Endpoint Security company for which no protection model is sent or kept gets the first
//     model its parent resells, in the order aLaCarte, mspSecure, mspSecurePlus, mspSecureExtra
//     (aLaCarte under the root or a parent without models). Moving to product type 3 (Bitdefender EDR)
//     removes the company's own model (R21); a partner keeps its resold models only while it still
//     resells Endpoint Security (R23).
//  16. setNewProtectionModelForClients, whenever sent, must name a model the company keeps in
//     additionalProtectionModels, also when the request removes nothing (it then has no effect, as in the
//     vendor's example). A request that withdraws a model some direct child uses needs it (R24); those
//     children move to it, gaining its default models, and lose Security for Virtualized Environments
//     and Container Protection if the new model is not aLaCarte.
//  17. minimumUsage is kept when omitted; {"endpointMonthlyUsage": 0} removes the commitment.
//  18. JSON null for an optional parameter means the parameter is omitted. manageIntegrityMonitoring,
//     documented as an Integer but sent as true in the vendor's example, accepts true/false and 0/1.
//     Other numbers must be integers, unknown parameter names are rejected, repeated entries in
//     additionalProductTypes or additionalProtectionModels count once, and both lists are reported in
//     the documented order.
//  19. getLicenseInfo returns one object. totalSlots is the reservation when there is one, the trial size
//     for trials, and null otherwise (dynamic provisioning). reservedSlots is reported too (null when
//     dynamic). Product types, ownUse and resell are reported for types 3 and 5; protection models,
//     licensedServices, endSubscription, autoRenewPeriod and minimumUsage for type 3 when set.
package licensing
