// Types of Tabi Renew's public JavaScript API: the global `TabiRenew` (mount, core, version), the options, the
// host callbacks (lookupCard, onPayment, onPaymentStatus, continueUrl) and what they receive and return, the
// events and their `detail`, the headless core API and the <tabi-renew> element.
//
// A global script declaration (the widget is a script tag, not an ES module). Use it with
//   /// <reference path="path/to/tabi-renew.d.ts" />
// or list the file in tsconfig.json "files" / "include". Types live in the `TabiRenew` namespace:
//   const pay = async (order: TabiRenew.Order): Promise<TabiRenew.PaymentResult> => { ... };
//
// The prose contract, with examples: docs/host-api.md. Where a field's meaning is defined in the C++ core, the
// header is named (widget/core/order.h, widget/core/card_status.h, widget/core/core_api.h, ...).

declare namespace TabiRenew {
  // ------------------------------------------------------------------------------------------------ basics

  /** The languages the panel is written in. */
  type UiLocale = 'en' | 'zh-Hans' | 'zh-Hant' | 'ja' | 'ko';

  /**
   * `'auto'` (the page's `<html lang>`, then the browser's languages), one of the panel's languages, or any
   * BCP 47 tag (`'zh-TW'`, `'ja-JP'`, `'pt-BR'`), negotiated to the closest panel language (English when none
   * fits). Checked with /^(auto|[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*)$/.
   */
  type LocaleOption = 'auto' | UiLocale | (string & {});

  /** `'auto'` follows the system's light/dark setting while the widget is up. */
  type Theme = 'light' | 'dark' | 'auto';

  /**
   * When a script tag's widget or a `<tabi-renew>` element starts loading (the wasm, the catalogue, a locale pack,
   * the WebGL context). `'lazy'` (the default): when its element comes within about one viewport of being visible;
   * until then the element keeps the widget's height. `'eager'`: at once. Any letter case. Another value is
   * reported with `console.error` and taken as `'lazy'`. Not an option of `TabiRenew.mount`, which always loads
   * at once.
   */
  type LoadMode = 'lazy' | 'eager';

  /** A CSS hex colour, `#rgb` or `#rrggbb` (e.g. `'#1f6feb'`). */
  type AccentColor = `#${string}`;

  /**
   * A checkout's brand look: named variables laid over the theme's (light or dark) defaults; each one left out
   * keeps the theme's. Checked by name: an unknown variable or a bad value throws an OptionsError naming
   * `appearance.<variable>`. A text colour that fails WCAG AA (4.5:1) on its background is drawn, and reported as
   * an `error` event of kind `'appearance'` with severity `'warning'`.
   */
  interface Appearance {
    /** Buttons, focus, selection; `accent` is the older name of it (primary wins when both are given). */
    primary?: AccentColor;
    /** The panel's background. */
    background?: AccentColor;
    /** Cards and popups. */
    surface?: AccentColor;
    text?: AccentColor;
    /** Hints and secondary text. */
    mutedText?: AccentColor;
    /** Errors and refused input. */
    danger?: AccentColor;
    /** Confirmed payment and good card status. */
    success?: AccentColor;
    /** Corner radius of buttons and fields in CSS px, 0 to 24. Default 8. */
    radius?: number;
    /** Spacing between and inside controls. Default `'normal'`. */
    density?: 'compact' | 'normal' | 'roomy';
    /** Text size, 0.85 to 1.5 times the default (16 px body). Default 1. */
    fontScale?: number;
  }

  /** A number, or its decimal text (attributes and data-* attributes are text). */
  type NumberLike = number | `${number}`;

  type CardKind = 'sim' | 'esim' | 'wifi';

  type PlanKind = 'day_pass' | 'monthly' | 'data_pack' | 'rental_extension';

  type RefundPolicy = 'none' | 'before_activation' | 'unused_days';

  /**
   * A plan catalogue as an object: the format of docs/catalog.md and docs/catalog.schema.json (version 1).
   * Only the version is spelled out here; unknown members are reported as warnings, not errors.
   */
  interface CatalogObject {
    $schema?: string;
    version: number;
    name?: string;
    operators?: unknown[];
    products?: unknown[];
    payment_methods?: string[];
    exchange_rates?: unknown;
    devices?: unknown[];
    [member: string]: unknown;
  }

  /**
   * Where the catalogue comes from: a URL (fetched with `credentials: 'same-origin'`, relative to the page), or
   * the catalogue itself as an object. `null`, `undefined` or `''`: the built-in sample catalogue.
   */
  type CatalogSource = string | URL | CatalogObject;

  /** A catalogue for the core API: its JSON text or the object (the core API fetches nothing). */
  type CoreCatalog = string | CatalogObject;

  /** The error `mount`, `setLocale` and `setTheme` throw for a bad option (js/src/options.mjs). */
  interface OptionsError extends Error {
    name: 'OptionsError';
    /** The option's name, e.g. `'theme'`. The message says what is wrong and what to write instead. */
    option: string;
  }

  // ----------------------------------------------------------------------------------------------- options

  /** Options of `TabiRenew.mount(element, options)`. Every one is optional; unknown names are refused. */
  interface Options {
    /** The plan catalogue: URL or object. Default: the built-in sample catalogue. */
    catalog?: CatalogSource | null;
    /** The panel's language. Default `'auto'`. Switchable in the panel and with `handle.setLocale`. */
    locale?: LocaleOption;
    /** Default `'light'`. */
    theme?: Theme;
    /** The accent colour (buttons, focus). Default: the panel's blue. */
    accent?: AccentColor;
    /** Brand colours, corner radius, density and font scale over the theme; `null` goes back to the theme's. */
    appearance?: Appearance | null;
    /**
     * The traveller's currency for shown prices (ISO 4217, any case: `'cny'` becomes `'CNY'`), converted with
     * the catalogue's exchange rates. The charge is always in the plan's own currency. Default (and `''` or
     * `null`): the plans' own.
     */
    currency?: string | null;
    /** The canvas height in CSS pixels, 240..4000. Default 560. The width follows the host element. */
    height?: NumberLike;
    /**
     * Looks a card up in the host's systems. Without it the status step is left out of the walk.
     * Time limit: `lookupTimeoutMs`.
     */
    lookupCard?: LookupCard;
    /**
     * Charges an order through the host's payment provider. Without it the panel says "This page can't take
     * payments." Time limit: `paymentTimeoutMs` (a timeout is not a failure: see docs/host-api.md).
     */
    onPayment?: OnPayment;
    /** What became of an order whose payment may be under way (after a reload, or a `pending` answer). */
    onPaymentStatus?: OnPaymentStatus;
    /** A URL where the traveller can pay the order on another device, shown as a QR code on the pay screen. */
    continueUrl?: ContinueUrl;
    /** Time limit of `onPayment` and `onPaymentStatus`, in ms, 1000..600000. Default 30000. */
    paymentTimeoutMs?: NumberLike;
    /** Time limit of `lookupCard`, in ms, 1000..600000. Default 15000. */
    lookupTimeoutMs?: NumberLike;
    /**
     * Where the pending order is kept across reloads. Default `window.localStorage` (when usable);
     * `null` persists nothing (a reload in the middle of a payment then cannot ask `onPaymentStatus`).
     */
    storage?: OrderStorage | null;
    /**
     * Cancels the mount, even while it loads: the widget (if any) is destroyed, the element is free for another
     * mount at once, and `mount` rejects with an `AbortError` DOMException. What a framework's cleanup calls:
     * React's StrictMode mounts, cleans up and mounts again.
     */
    signal?: AbortSignal | null;
    /** `onPayment` by the name the element uses (React 19 takes a prop named `on*` for an event listener). */
    payOrder?: OnPayment;
    /** `onPaymentStatus` by the name the element uses. */
    paymentStatus?: OnPaymentStatus;
  }

  /** What `handle.update` takes: the options that can change while the widget runs. */
  type UpdateOptions = Pick<Options, 'catalog' | 'locale' | 'theme' | 'accent' | 'appearance' | 'currency' | 'lookupCard' |
    'onPayment' | 'onPaymentStatus' | 'payOrder' | 'paymentStatus' | 'continueUrl'>;

  /** The part of the Web Storage API the widget uses (`localStorage` and `sessionStorage` have it). */
  interface OrderStorage {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  }

  /** Options a script tag takes as `data-*` attributes (`data-target` names the element to mount in). */
  interface ScriptTagDataset {
    /** A CSS selector of the element to mount in. Without it the script tag mounts nothing. */
    target: string;
    catalog?: string;
    locale?: LocaleOption;
    theme?: Theme;
    accent?: AccentColor;
    /** The appearance as JSON: `data-appearance='{"primary": "#e60012", "radius": 4}'`. */
    appearance?: string;
    currency?: string;
    height?: `${number}`;
    /** `data-load="eager"` loads at once; lazy by default. */
    load?: LoadMode;
  }

  // -------------------------------------------------------------------------------------- host callbacks

  /**
   * Receives the identifier as typed, cleaned (digits only for an ICCID, IMEI or EID; `'09012345678'` for a
   * Japanese mobile number; `'TW-20261128'` for a rental order). It is the only place the unmasked identifier
   * leaves the widget. A rejection's message is shown to the traveller in the panel.
   */
  type LookupCard = (identifier: string) => CardStatus | PromiseLike<CardStatus>;

  /** Must charge at most once per `order.idempotencyKey`, and answer a repeated key with its first result. */
  type OnPayment = (order: Order) => PaymentResult | PromiseLike<PaymentResult>;

  /** Answers what became of the payment under `order.idempotencyKey` (never charges). */
  type OnPaymentStatus = (order: Order) => PaymentResult | PromiseLike<PaymentResult>;

  /** An http(s) URL (absolute, or relative to the page) where this order can be paid on another device. */
  type ContinueUrl = (order: Order) => string | URL | PromiseLike<string | URL>;

  /**
   * The card's status, as `lookupCard` returns it (widget/core/card_status.h). Members not listed are ignored;
   * `null` counts as absent. The expiry is `expires_at` when given; else, for wifi, the end of
   * `rental_return_date` (Japan time); else computed from `activated_at`, `validity` and `days`.
   */
  interface CardStatus {
    card: CardKind;
    /** An operator id of the catalogue. */
    operator: string;
    /** A product id of the catalogue. */
    product: string;
    /**
     * The current plan's id in the catalogue: the panel then shows its name in the traveller's language (the
     * catalogue's `names`). An id the catalogue lacks falls back to `plan_name`.
     */
    plan?: string | null;
    /** The current plan's name, shown as given (`'7 days · 5 GB'`). */
    plan_name?: string | null;
    /** ISO 8601 instant (`'2026-11-20T03:00:00Z'`, `'…+09:00'`). Needed to compute the expiry. */
    activated_at?: string | null;
    /** How the operator counts days. Needed to compute the expiry. */
    validity?: 'calendar_jst' | 'rolling_24h' | null;
    /** The current plan's days, 1..3660. Needed to compute the expiry. */
    days?: number | null;
    /** Default false. */
    unlimited?: boolean | null;
    /** The plan's data in MB, 1..100000000. Required unless unlimited. */
    data_total_mb?: number | null;
    /** Data used so far in MB, 0..100000000 (may exceed the total). Required unless unlimited. */
    data_used_mb?: number | null;
    /** ISO 8601 instant: the host's own expiry; it wins over computing one. */
    expires_at?: string | null;
    /** `'YYYY-MM-DD'`, a Japan date. Wifi only, and required for wifi. */
    rental_return_date?: string | null;
    /** What a late return costs per day. Wifi only. */
    late_fee_per_day?: { minor: number; currency: string } | null;
  }

  // ------------------------------------------------------------------------------------ order and result

  /** An amount: integer minor units and the exact decimal text (`'1980'` JPY, `'12.50'` USD, `'1.250'` KWD). */
  interface Amount {
    /** ISO 4217. */
    currency: string;
    minor: number;
    value: string;
  }

  interface OrderItem {
    planId: string;
    /** The plan's name in the order's locale where the catalogue translates it ("names"), its "name" otherwise;
     *  for display only: identify the plan by planId. */
    name: string;
    /** 1..99. */
    quantity: number;
    unitPrice: Amount;
    lineTotal: Amount;
  }

  /** The card the order renews; never the unmasked identifier. */
  interface OrderCard {
    kind: CardKind;
    /** As the panel shows it: `'••• •••• •••• •••• 8905'`. */
    maskedId: string;
  }

  /** A W3C Payment Request amount: a decimal string, not a number. */
  interface PaymentRequestAmount {
    currency: string;
    value: string;
  }

  interface PaymentRequestItem {
    label: string;
    amount: PaymentRequestAmount;
  }

  /**
   * A W3C Payment Request `details` object (PaymentDetailsInit), ready for
   * `new PaymentRequest(methods, order.paymentRequest)`. The total's label is in the order's locale.
   */
  interface OrderPaymentRequest {
    total: PaymentRequestItem;
    /** One per order item (`'7 days · 5 GB × 2'` for a quantity of 2). */
    displayItems: PaymentRequestItem[];
  }

  /** The order the host is asked to charge (widget/core/order.h, order_to_host_json). */
  interface Order {
    /** `'TR-7K4Q-9XWM'`: what the traveller quotes to support. The same across payment attempts. */
    orderId: string;
    /**
     * A UUID v4, one per payment attempt. Kept when the same attempt is handed over again (a retry after a
     * timeout, a reload); new after a decline or a cancel. Pass it to the provider as its idempotency key.
     */
    idempotencyKey: string;
    items: OrderItem[];
    /** The charge: the sum of the line totals, in the plans' own currency. */
    total: Amount;
    card: OrderCard;
    paymentRequest: OrderPaymentRequest;
    /** The traveller's panel language (`'en'`, `'ja'`, `'zh-Hans'`, `'zh-Hant'`, `'ko'`). */
    locale: UiLocale;
  }

  type PaymentStatus = 'succeeded' | 'failed' | 'cancelled' | 'pending';

  /**
   * The host's answer to `onPayment` and `onPaymentStatus` (widget/core/order.h, PaymentResult). Optional
   * fields may be absent or `null`. An answer for another order, or with a `total` that differs from the
   * order's, is refused: the order stays as it was and an `error` event with kind `'payment-result'` fires.
   */
  interface PaymentResult {
    /** Must be the order's `orderId`. */
    orderId: string;
    /**
     * `succeeded`: renewed. `failed` (declined) and `cancelled`: final for this idempotency key; the traveller
     * may try again under a new key. `pending`: money may be moving; ask again with `onPaymentStatus`.
     */
    status: PaymentStatus;
    /** The provider's reference, shown on the receipt (at most 200 bytes). */
    reference?: string | null;
    /** Why it failed or was cancelled, shown to the traveller (at most 500 bytes). */
    reason?: string | null;
    /** The card's new expiry, an ISO 8601 instant (`'2026-12-01T14:59:59Z'`). */
    newExpiry?: string | null;
    /** When given, must equal the order's total exactly. */
    total?: { currency: string; minor: number } | null;
    /** When given, must be this attempt's key: tells a late answer for an earlier attempt apart. */
    idempotencyKey?: string | null;
  }

  // ------------------------------------------------------------------------------------------------ events

  type StepName = 'identify' | 'status' | 'device' | 'payment_methods' | 'choose' | 'confirm' | 'pay' | 'result';

  /** A problem with a catalogue, a locale pack or the browser. */
  interface Problem {
    /** A JSON pointer (`'/products/0/plans/1/price/minor'`), a field name (`'identifier'`) or `''`. */
    path: string;
    /** A stable message id, e.g. `'catalog.wrong_type'`. */
    id: string;
    severity: 'error' | 'warning';
    /** English text (catalogue problems) or the traveller's language (others). */
    message: string;
    /** The message's arguments (problems of lookups, payment results, restores and the core API). */
    args?: Record<string, string>;
  }

  interface ReadyDetail {
    /** Plans in the catalogue. */
    plans: number;
    /** Catalogue warnings (the catalogue is used). */
    warnings: Problem[];
    /** The language the first frame was drawn in. */
    locale: UiLocale;
  }

  interface StepDetail {
    step: StepName;
    /** 1-based position of the step in this walk. */
    number: number;
    /** Steps in this walk (status only with lookupCard; device only for SIM and eSIM). */
    of: number;
  }

  /** Fires just before `onPayment` is called, with the same order. */
  interface PaymentRequestDetail {
    order: Order;
  }

  interface RenewedDetail {
    orderId: string;
    /** The host's `reference` (`''` when it gave none). */
    reference: string;
    total: Amount;
    card: OrderCard;
    /** The host's `newExpiry`, as ISO 8601 UTC, or null. */
    newExpiry: string | null;
  }

  /**
   * The host answered `pending`: the provider has not settled yet (a bank transfer, 3-D Secure in another tab).
   * The panel shows the order as waiting and asks `onPaymentStatus` again; `renewed` or `failed` follows.
   */
  interface PendingDetail {
    orderId: string;
    /** The host's `reference` (`''` when it gave none). */
    reference: string;
    card: OrderCard;
  }

  interface FailedDetail {
    orderId: string;
    status: 'failed' | 'cancelled';
    /** The host's `reason` (`''` when it gave none). */
    reason: string;
  }

  /** The catalogue has errors (the panel lists them; it never goes blank). */
  interface CatalogErrorDetail {
    kind: 'catalog';
    problems: Problem[];
  }

  /** No WebGL2: the host element shows a short text instead of the panel. */
  interface WebglErrorDetail {
    kind: 'webgl';
    problems: Problem[];
  }

  /**
   * The rest of the widget's code (the deferred wasm module, fetched after the first frame) could not be fetched:
   * the panel says so and tries again when the traveller taps it, presses Enter, or the browser comes back online.
   * Nothing entered is lost. `problems[0].id` is `'load.deferred_failed'`.
   */
  interface LoadErrorDetail {
    kind: 'load';
    problems: Problem[];
  }

  /** A locale pack could not be fetched or read; the panel stays in the language it shows. */
  interface LocaleErrorDetail {
    kind: 'locale';
    problems: Problem[];
  }

  /**
   * A font slice could not be fetched after two tries (`'font.slice_failed'`, with the slice's `file`), or a
   * locale's font index could not be read (`'font.index_unreadable'`): those characters stay boxes; everything
   * else works and nothing entered is lost.
   */
  interface FontErrorDetail {
    kind: 'font';
    problems: Array<Problem & { file?: string }>;
  }

  /** `lookupCard` answered something that is not a valid card status. */
  interface LookupErrorDetail {
    kind: 'lookup';
    problems: Problem[];
  }

  /** A payment result was refused (another order, another amount, malformed): the order is unchanged. */
  interface PaymentResultErrorDetail {
    kind: 'payment-result';
    orderId: string;
    problems: Problem[];
  }

  /** The order kept for reload recovery was unreadable or foreign; it was dropped. */
  interface RestoreErrorDetail {
    kind: 'restore';
    problems: Problem[];
  }

  /** The order record could not be stored (a warning): the payment goes on from memory, but a reload before it is
   * settled cannot bring the order back. */
  interface StorageErrorDetail {
    kind: 'storage';
    problems: Problem[];
  }

  /**
   * The appearance: a colour pair below WCAG AA contrast (`'appearance.contrast'`, severity `'warning'`: the panel
   * draws it as asked), or a value the bridge let through that the widget refused (`'appearance.invalid'`: the
   * look shown is kept).
   */
  interface AppearanceErrorDetail {
    kind: 'appearance';
    problems: Problem[];
  }

  /** `continueUrl` threw or gave something that is not an http(s) URL (a warning: no QR code is shown). */
  interface ContinueUrlErrorDetail {
    kind: 'continueUrl';
    problems: Problem[];
  }

  type ErrorDetail =
    | AppearanceErrorDetail
    | CatalogErrorDetail
    | WebglErrorDetail
    | LoadErrorDetail
    | LocaleErrorDetail
    | FontErrorDetail
    | LookupErrorDetail
    | PaymentResultErrorDetail
    | RestoreErrorDetail
    | StorageErrorDetail
    | ContinueUrlErrorDetail;

  /** Event name → `detail`. No detail ever holds an unmasked identifier. */
  interface EventMap {
    /** After the first frame is drawn. */
    ready: ReadyDetail;
    /** The panel moved to another step. */
    step: StepDetail;
    /** An order is being handed to `onPayment` (also for a retry with the same key). */
    paymentrequest: PaymentRequestDetail;
    /** The host answered `succeeded`. */
    renewed: RenewedDetail;
    /** The host answered `pending` (once per pending answer that changes the order). */
    pending: PendingDetail;
    /** The host answered `failed` or `cancelled`. */
    failed: FailedDetail;
    error: ErrorDetail;
  }

  type EventName = keyof EventMap;

  /** The DOM events on the host element: `CustomEvent`s that do not bubble. */
  type HostEventMap = { [K in EventName]: CustomEvent<EventMap[K]> };

  /** The element a widget is mounted in, with typed `addEventListener` for the widget's events. */
  interface HostElement extends HTMLElement {
    addEventListener<K extends EventName>(
      type: K, listener: (this: HostElement, ev: HostEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions): void;
    addEventListener<K extends keyof HTMLElementEventMap>(
      type: K, listener: (this: HostElement, ev: HTMLElementEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions): void;
    addEventListener(
      type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
    removeEventListener<K extends EventName>(
      type: K, listener: (this: HostElement, ev: HostEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions): void;
    removeEventListener<K extends keyof HTMLElementEventMap>(
      type: K, listener: (this: HostElement, ev: HTMLElementEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions): void;
    removeEventListener(
      type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
  }

  // -------------------------------------------------------------------------------------------- the handle

  /** What `mount` resolves to. Frozen. */
  interface Handle {
    /** The element the widget is mounted in. */
    readonly element: HostElement;
    /**
     * Listens to a widget event. Events fired while `mount` was still pending (a catalogue error, a WebGL
     * error) are not replayed: listen on the element before mounting to see those.
     */
    on<K extends EventName>(name: K, listener: (detail: EventMap[K]) => void): void;
    off<K extends EventName>(name: K, listener: (detail: EventMap[K]) => void): void;
    /** Switches the panel's language (`undefined`: negotiate from the page and browser). Throws OptionsError. */
    setLocale(locale: LocaleOption | undefined): void;
    /** Changes the theme and/or accent (`setTheme(undefined, '#e60012')` changes the accent only). Throws OptionsError. */
    setTheme(theme?: Theme, accent?: AccentColor): void;
    /**
     * Replaces the appearance (what it leaves out goes back to the theme's defaults; `null`: all of it). The walk
     * and what the traveller entered are kept. Throws OptionsError.
     */
    setAppearance(appearance: Appearance | null): void;
    /** Loads another catalogue (`null`: the built-in sample). Resolves when it has been handed to the panel. */
    setCatalog(catalog: CatalogSource | null): Promise<void>;
    /**
     * Changes what can change while the widget runs, in one call (a framework passes its props through): each
     * option is applied when it differs from the widget's; nothing the traveller entered is lost. Every option is
     * checked first: a bad value, an unknown name or an option read at mount only (height, timeouts, storage,
     * signal) throws an OptionsError naming it, and then nothing changes. A callback can be replaced, not given
     * when it was not at mount (nor taken away). Resolves once a new catalogue is in the panel.
     */
    update(changes: UpdateOptions): Promise<void>;
    /** Removes the canvas and frees the widget's instance; the element may be mounted in again. */
    destroy(): void;
    /** Frames drawn so far (the panel draws only when something changed). */
    frameCount(): number;
  }

  // ------------------------------------------------------------------------------------- headless core API

  /** An amount of the core API: also formatted for the query's locale (`'¥1,980'`, `'$12.81'`). */
  interface Money extends Amount {
    text: string;
  }

  /** A message of the core API: its id, arguments and text. */
  interface Message {
    id: string;
    args: Record<string, string>;
    text: string;
  }

  /**
   * The answer of a call that could not be made: not JSON, a bad request, a catalogue with errors
   * (`'api.bad_catalog'`, its errors in problems), or a domain refusal (`'compare.unknown_currency'`, ...).
   * The core API never throws.
   */
  interface CoreError {
    error: { id: string; message: string; problems: Problem[] };
  }

  /** A catalogue problem of `checkCatalog`: English text that starts with the JSON pointer. */
  interface CatalogIssue {
    path: string;
    id: string;
    message: string;
  }

  interface CheckCatalogResult {
    /** No errors: the widget would use this catalogue. */
    ok: boolean;
    /** Plans in the catalogue, when ok. */
    plans?: number;
    errors: CatalogIssue[];
    warnings: CatalogIssue[];
  }

  type IdentifierKind = 'unknown' | 'iccid' | 'imei' | 'imeisv' | 'eid' | 'jp_phone' | 'rental_order';

  type IdentifierState = 'empty' | 'incomplete' | 'valid' | 'valid_with_warning' | 'invalid';

  interface IdentifyResult {
    kind: IdentifierKind;
    state: IdentifierState;
    /** valid, or valid with a warning to show. */
    acceptable: boolean;
    card: CardKind | null;
    /**
     * The identifier cleaned (what `lookupCard` would receive). It is the typed identifier: keep it out of
     * logs, analytics and storage.
     */
    normalized: string;
    /** For display: `'••• •••• •••• •••• 8905'`. */
    masked: string;
    /** The ICCID's Japanese issuer or the rental operator's name; `''` when not known. */
    issuer: string;
    /** Rental orders: every operator whose order pattern matched. */
    operators: string[];
    /** Errors (state invalid) and warnings (state valid_with_warning). */
    problems: Problem[];
    /** State incomplete: what is still missing. */
    hint: Problem | null;
  }

  type CompareColumn =
    | 'price' | 'days' | 'data' | 'price_per_day' | 'price_per_gb' | 'speed_after_cap' | 'refundable' | 'networks';

  interface CompareQuery {
    /** A product id: that product's plans. */
    product?: string;
    /** A kind of card: every plan for it (with `product`: checked against it). */
    card?: CardKind;
    /** Show prices in this currency (ISO 4217, upper case). Default: the plans' own. */
    currency?: string;
    refundableOnly?: boolean;
    /** Capped plans with less data are left out (an integer). */
    minDataMb?: number;
    kind?: PlanKind;
    /** Default `'price'`. */
    sortBy?: CompareColumn;
    /** Default `'ascending'`. */
    direction?: 'ascending' | 'descending';
    /** Locale of the money texts and messages. Default `'en'`. */
    locale?: LocaleOption;
  }

  interface ComparePlan {
    planId: string;
    name: string;
    productId: string;
    operatorId: string;
    card: CardKind;
    kind: PlanKind;
    days: number;
    data: { unlimited: boolean; mb: number; fairUseMbPerDay: number };
    /** 0: no service after the cap. */
    speedAfterCapKbps: number;
    refund: RefundPolicy;
    networks: string[];
  }

  interface CompareRow extends ComparePlan {
    /** The charge, in the plan's own currency. */
    price: Money;
    /** In the query's currency when converted, else the price. */
    shownPrice: Money;
    converted: boolean;
    /** null for a plan with no days (a data pack). */
    pricePerDay: Money | null;
    /** null for unlimited data. */
    pricePerGb: Money | null;
    refundable: boolean;
  }

  interface CompareResult {
    rows: CompareRow[];
    /** Plans the card can buy, before the filters. */
    plansInScope: number;
    /** The rate used for `shownPrice` (an exact decimal string), or null when nothing was converted. */
    rate: { from: string; to: string; rate: string; asOf: string } | null;
    notes: Problem[];
  }

  interface RecommendQuery {
    product?: string;
    card?: CardKind;
    /** Days of the trip left, an integer. */
    tripDays: number;
    /** Expected use in MB per day, an integer. */
    mbPerDay: number;
    /** Days the card is still valid for. Default 0. */
    validDaysLeft?: number;
    /** MB left on the card. Default 0. */
    remainingMb?: number;
    /** ISO 4217: each pick's `shownTotal` in this currency with the catalogue's rate, as `compare` shows prices. */
    currency?: string;
    locale?: LocaleOption;
  }

  interface RecommendPick {
    /** What to buy: pass it as `order()`'s selection. */
    items: { planId: string; name: string; quantity: number }[];
    /** The charge, in the plans' own currency. */
    total: Money;
    /** In the query's `currency` when the catalogue has a rate for it, else the total. */
    shownTotal: Money;
    purchases: number;
    daysAdded: number;
    dataAddedMb: number;
    coveredDays: number;
    allRefundable: boolean;
    /** Holds a plan that replaces what is left on the card. */
    replacesCurrent: boolean;
    /** Why this one, in one sentence. */
    reason: Message;
  }

  interface RecommendResult {
    status: 'recommended' | 'already_covered' | 'cannot_cover';
    tripDays: number;
    tripMb: number;
    daysNeeded: number;
    mbNeeded: number;
    /** Set when recommended. */
    best: RecommendPick | null;
    /** At most 3, cheapest first. */
    alternatives: RecommendPick[];
    message: Message;
    /** The rate used for `shownTotal`, or null when nothing was converted. */
    rate: { from: string; to: string; rate: string; asOf: string } | null;
    /** `compare.no_rate` when a total cannot be shown in the query's currency. */
    notes: Problem[];
  }

  /** One plan of `order()`'s selection. */
  interface OrderSelection {
    planId: string;
    /** 1 to 99. Default 1. */
    quantity?: number;
  }

  /** What `order()` gives: the order exactly as the widget would hand it to `onPayment`. */
  interface OrderResult {
    order: Order;
  }

  /** What `TabiRenew.core()` loads besides the wasm. */
  interface CoreOptions {
    /** Locales whose messages to load, e.g. `['ja', 'zh-Hant']`; `'en'` is built in. */
    locales?: UiLocale[];
  }

  /** `TabiRenew.core()`: the same wasm with no canvas; plain JSON in and out, synchronous once loaded. */
  interface CoreApi {
    /** Checks a catalogue (its JSON text or an object) as the widget would. */
    checkCatalog(catalog: string | CatalogObject): CheckCatalogResult;
    /**
     * Detects and checks a typed identifier (ICCID, IMEI, EID, Japanese number, rental order). Its messages
     * are in `locale` when core() loaded that locale, English otherwise.
     */
    identify(text: string, catalog?: CoreCatalog | null, locale?: UiLocale): IdentifyResult | CoreError;
    /** The plans a card can buy, filtered and sorted, with prices per day and per GB. */
    compare(catalog: CoreCatalog | null | undefined, query?: CompareQuery): CompareResult | CoreError;
    /** The cheapest plans that cover the rest of a trip, with alternatives. */
    recommend(catalog: CoreCatalog | null | undefined, query: RecommendQuery): RecommendResult | CoreError;
    /**
     * The order the widget would build for these plans and this card (the identifier as typed; only its masked
     * form is kept), with a new order id and idempotency key, totals and the Payment Request `details`: hand it
     * to your provider as `onPayment` would receive it. Plan names and the total's label are in `locale`.
     */
    order(catalog: CoreCatalog | null | undefined, selection: OrderSelection[], card: string,
      locale?: UiLocale): OrderResult | CoreError;
  }

  // ----------------------------------------------------------------------------------------------- global

  interface Api {
    /**
     * Mounts a widget in an element (or the first element a CSS selector matches). Rejects with an
     * OptionsError for a bad option, and when the element already has a widget or the wasm cannot be fetched.
     */
    mount(target: Element | string, options?: Options): Promise<Handle>;
    /**
     * The headless core API. Loaded once per page; later calls resolve to the same object. Texts (messages,
     * reasons, formatted amounts) and plan names come in a query's `locale`; the messages of a locale other than
     * English are fetched first when listed in `locales` (otherwise such a query's texts are English).
     * Rejects with a TypeError for a bad option, and when the wasm or a locale's messages cannot be fetched.
     */
    core(options?: CoreOptions): Promise<CoreApi>;
    /** The bridge's version, e.g. `'0.1.0'`. */
    readonly version: string;
  }

  // ------------------------------------------------------------------------------------- <tabi-renew>

  /** The attributes of `<tabi-renew>`. locale, theme, accent, currency and catalog follow changes at run time. */
  interface ElementAttributes {
    catalog?: string;
    locale?: LocaleOption;
    theme?: Theme;
    accent?: AccentColor;
    /** The appearance as JSON (`appearance='{"primary": "#0f766e"}'`); follows changes at run time. */
    appearance?: string;
    /** Follows changes at run time (`handle.update({ currency })`). */
    currency?: string;
    /**
     * Read when the widget mounts (a change mounts it again). Also the height the element keeps while it waits
     * to load.
     */
    height?: `${number}`;
    /** `load="eager"` loads when the element connects; lazy by default. Read until the widget has mounted. */
    load?: LoadMode;
  }

  type ElementAttributeName = keyof ElementAttributes;

  /**
   * `<tabi-renew catalog="/plans.json" locale="auto">`. Mounts when connected and near the viewport (see
   * {@link LoadMode}), destroys when removed (moving it elsewhere in the page keeps the widget).
   * Callbacks are properties, called through the element: a new function takes effect at once; giving one that
   * was missing (or taking one away) mounts the widget again, since the panel learns at start what the page can
   * do. `payOrder` and `paymentStatus` are `onPayment` and `onPaymentStatus` by names React 19 sets as
   * properties (it makes a prop named `on*` an event listener); either name of a pair sets the same callback.
   * The element takes no timeouts or storage: use `TabiRenew.mount` for those.
   */
  interface TabiRenewElement extends HostElement {
    lookupCard?: LookupCard | undefined;
    onPayment?: OnPayment | undefined;
    onPaymentStatus?: OnPaymentStatus | undefined;
    payOrder?: OnPayment | undefined;
    paymentStatus?: OnPaymentStatus | undefined;
    continueUrl?: ContinueUrl | undefined;
    /**
     * The widget's handle once connected (null before, and after removal). A lazy element's resolves once it has
     * neared the viewport and mounted.
     */
    readonly widget: Promise<Handle> | null;
  }
}

/** The global Tabi Renew bridge, defined once `tabi-renew.js` has run. */
declare var TabiRenew: TabiRenew.Api;

interface HTMLElementTagNameMap {
  'tabi-renew': TabiRenew.TabiRenewElement;
}
