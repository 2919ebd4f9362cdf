// The npm package's types in a React 19 + TypeScript project (module-form types and <tabi-renew>'s JSX types,
// including the mistakes they catch). Checked, never run, by tests/js/types.test.mjs against the generated
// package types (js/npm-package.mjs) in a project where `tabi-renew` is installed.
import { useEffect, useRef } from 'react';
import { core, defineElement, mount, version, type TabiRenew } from 'tabi-renew';
import type {} from 'tabi-renew/react';

const payOrder = async (order: TabiRenew.Order): Promise<TabiRenew.PaymentResult> =>
  ({ orderId: order.orderId, status: 'succeeded', reference: 'shop_1' });
const lookupCard: TabiRenew.LookupCard = async () => ({ card: 'sim', operator: 'sakura-mobile-jp',
  product: 'sakura-visitor-sim' });

export function ElementPanel({ locale }: { locale: TabiRenew.LocaleOption }) {
  const ref = useRef<TabiRenew.TabiRenewElement>(null);
  useEffect(() => { void ref.current?.widget?.then((handle) => handle.setTheme('dark')); }, []);
  return (
    <tabi-renew ref={ref} id="renew" catalog="/plans.json" locale={locale} theme="auto" accent="#e60012"
      height={600} load="eager" className="panel" lookupCard={lookupCard} payOrder={payOrder}
      paymentStatus={(order) => ({ orderId: order.orderId, status: 'pending' })}
      continueUrl={(order) => `https://shop.example/pay/${order.orderId}`} />
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error theme is light, dark or auto */}
      <tabi-renew theme="blue" />
      {/* @ts-expect-error payOrder gets an order and answers a payment result */}
      <tabi-renew payOrder={(n: number) => n} />
    </>
  );
}

export function MountedPanel() {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const controller = new AbortController();
    mount(host.current!, { payOrder, lookupCard, signal: controller.signal })
      .then((handle: TabiRenew.Handle) => handle.on('renewed', (detail) => console.log(detail.orderId)))
      .catch((err: unknown) => console.error(err));
    return () => controller.abort();
  }, []);
  return <div ref={host} />;
}

export async function more(): Promise<void> {
  const defined: boolean = defineElement();
  const api: TabiRenew.CoreApi = await core({ locales: ['ja'] });
  console.log(defined, version.length, api.checkCatalog('{}'));
  const el = document.querySelector('tabi-renew');
  if (el) el.payOrder = payOrder;
  // @ts-expect-error the package has no global TabiRenew
  console.log(window.TabiRenew);
}
