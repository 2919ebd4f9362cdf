// Tabi Renew in React 19, two ways: the <tabi-renew> element (the default), and mount() from an effect
// (?via=mount). Both under <StrictMode>, which mounts, cleans up and mounts again in development.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { defineElement, mount } from 'tabi-renew';
import { charges, lookupCard, payOrder, paymentStatus } from './shop.js';

// Defines <tabi-renew> (once). Before the first render or after it: either way the callbacks arrive.
defineElement();

// The element. Callbacks are props: payOrder and paymentStatus (React 19 makes a prop named on* an event
// listener, so onPayment would never reach the widget). A new function each render is fine.
function ElementPanel({ onCharged }) {
  return (
    <tabi-renew id="renew" load="eager" height="560" lookupCard={lookupCard}
      payOrder={async (order) => { const result = await payOrder(order); onCharged(); return result; }}
      paymentStatus={paymentStatus} />
  );
}

// mount() in an effect. The cleanup aborts the signal: that destroys the widget, or cancels a mount still
// loading, so StrictMode's mount, cleanup, mount leaves one widget.
function MountedPanel({ onCharged }) {
  const host = useRef(null);
  const charged = useRef(onCharged);
  charged.current = onCharged;
  useEffect(() => {
    const controller = new AbortController();
    mount(host.current, {
      lookupCard,
      payOrder: async (order) => { const result = await payOrder(order); charged.current(); return result; },
      paymentStatus,
      signal: controller.signal,
    }).catch((err) => { if (err.name !== 'AbortError') console.error(err); });
    return () => controller.abort();
  }, []);
  return <div id="renew" ref={host} />;
}

function App() {
  const [, setCharged] = useState(0);
  const onCharged = () => setCharged((n) => n + 1);
  const Panel = new URLSearchParams(location.search).get('via') === 'mount' ? MountedPanel : ElementPanel;
  const total = [...charges.values()].reduce((a, b) => a + b, 0);
  return (
    <>
      <h1>Renew your travel SIM</h1>
      <Panel onCharged={onCharged} />
      <p>Charges made: <output id="charges">{total}</output></p>
    </>
  );
}

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>);
