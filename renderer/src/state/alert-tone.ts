/**
 * The urgent alert's own sound, unlike the system's notification sound: three rising
 * two-note chimes, made with Web Audio (no file to load, nothing the page's policy must
 * allow). Played by the window even while it is hidden in the tray.
 */
const notes = [660, 880];
const noteSeconds = 0.16;
const chimes = 3;
const chimeGapSeconds = 0.2;

export type AlertTone = () => void;

export const playAlertTone: AlertTone = () => {
  if (typeof AudioContext === 'undefined') return;
  const context = new AudioContext();
  const start = context.currentTime;
  for (let chime = 0; chime < chimes; chime++) {
    notes.forEach((frequency, index) => {
      const at = start + chime * (notes.length * noteSeconds + chimeGapSeconds) + index * noteSeconds;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'triangle';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + noteSeconds);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + noteSeconds);
    });
  }
  const seconds = chimes * (notes.length * noteSeconds + chimeGapSeconds);
  setTimeout(() => void context.close(), seconds * 1000 + 200);
};
