// Small browser helpers for the conversations page: scrolling, loading older messages, notifications.
window.consultantDashboard = {
  scrollToBottom(element) {
    if (element) element.scrollTop = element.scrollHeight;
  },
  // Keeps the view on the same message after older ones were added above it.
  keepPosition(element, previousHeight) {
    if (element) element.scrollTop = element.scrollHeight - previousHeight + element.scrollTop;
  },
  scrollHeight(element) {
    return element ? element.scrollHeight : 0;
  },
  watchTop(element, page) {
    if (!element || element.dataset.watched) return; // once per element
    element.dataset.watched = 'true';
    let asked = false;
    element.addEventListener('scroll', async () => {
      if (element.scrollTop < 40 && !asked) {
        asked = true;
        try { await page.invokeMethodAsync('LoadOlderAsync'); } finally { asked = false; }
      }
    });
  },
  // A chat read at its newest message stays there when its box shrinks (the header gains a row: the follow-up chip
  // loads after the first scroll); one scrolled up to older messages is left where it is.
  followBottom(element) {
    if (!element || element.dataset.followed || !('ResizeObserver' in window)) return; // once per element
    element.dataset.followed = 'true';
    let atBottom = true;
    element.addEventListener('scroll', () => {
      atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < 40;
    });
    new ResizeObserver(() => { if (atBottom) element.scrollTop = element.scrollHeight; }).observe(element);
  },
  // The first element matching one of the selectors, in that order, brought into view (a refused form's first field in error).
  scrollToFirst(selectors) {
    for (const selector of selectors) {
      const element = document.querySelector(selector);
      if (element) { element.scrollIntoView({ block: 'center' }); return true; }
    }
    return false;
  },
  notificationPermission() {
    return 'Notification' in window ? Notification.permission : 'unsupported';
  },
  async askNotificationPermission() {
    if (!('Notification' in window)) return 'unsupported';
    return await Notification.requestPermission();
  },
  // Only while the tab is in the background: in front, the chat itself shows the message.
  notify(title, body, withSound) {
    if (!document.hidden) return false;
    if ('Notification' in window && Notification.permission === 'granted') {
      new Notification(title, { body: body, tag: title });
    }
    if (withSound) {
      try {
        const audio = new AudioContext();
        const tone = audio.createOscillator();
        const volume = audio.createGain();
        tone.frequency.value = 880;
        volume.gain.value = 0.08;
        tone.connect(volume).connect(audio.destination);
        tone.start();
        tone.stop(audio.currentTime + 0.15);
      } catch { /* no audio: the notification is enough */ }
    }
    return true;
  }
};

// Enter sends a message, Shift+Enter starts a new line. In a box marked data-send-on-enter the browser must not
// also put Enter's newline into it: that newline would reach the page after the send had cleared the draft and
// bring the sent text back into the box, ready to be sent twice.
document.addEventListener('keydown', event => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing
      && event.target instanceof Element && event.target.closest('[data-send-on-enter]')) {
    event.preventDefault();
  }
}, true);

// A password field's show/hide button (data-password-toggle="<the input's id>"). The sign-in and sign-up forms are rendered on the
// server without a live connection, so its button works here, by delegation: it survives enhanced navigation.
document.addEventListener('click', event => {
  const toggle = event.target instanceof Element && event.target.closest('[data-password-toggle]');
  const input = toggle && document.getElementById(toggle.dataset.passwordToggle);
  if (!input) return;
  const show = input.type === 'password';
  input.type = show ? 'text' : 'password';
  toggle.setAttribute('aria-pressed', String(show));
  toggle.setAttribute('aria-label', show ? toggle.dataset.hideLabel : toggle.dataset.showLabel);
  input.focus();
});
