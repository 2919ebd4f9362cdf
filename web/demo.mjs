// The demo page's own script: a live log of the widget's events.
const host = document.getElementById('renew');
const log = document.getElementById('event-log');

function record(name, detail) {
  const item = document.createElement('li');
  const time = new Date().toLocaleTimeString();
  item.textContent = `${time}  ${name}  ${JSON.stringify(detail)}`;
  log.prepend(item);
}

for (const name of ['ready', 'step', 'paymentrequest', 'renewed', 'failed', 'error']) {
  host.addEventListener(name, (event) => record(name, event.detail));
}
