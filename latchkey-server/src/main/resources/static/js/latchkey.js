// Small progressive enhancements; every page works without them.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-copy-target]').forEach((button) => {
    button.addEventListener('click', async () => {
      const text = document.getElementById(button.dataset.copyTarget).textContent.trim();
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = 'Copied!';
      } catch (e) {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById(button.dataset.copyTarget));
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
        button.textContent = 'Press Ctrl+C to copy';
      }
    });
  });
  document.querySelectorAll('[data-expiration]').forEach((select) => {
    const form = select.closest('form');
    const update = () => {
      form.querySelector('[data-custom-date]').hidden = select.value !== 'custom';
      form.querySelector('[data-no-expiration-warning]').hidden = select.value !== 'none';
    };
    select.addEventListener('change', update);
    update();
  });
});
