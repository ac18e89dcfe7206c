import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/renderApp.tsx';
import { LANGUAGE_STORAGE_KEY } from './i18n.ts';

describe('the shell', () => {
  it('renders in Azerbaijani by default, with landmarks and a skip link', async () => {
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'İş siyahınız' })).toBeTruthy();
    expect(screen.getByText('Vaxtı çatmış tapşırıq yoxdur.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Custodia' })).toBeTruthy();
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Əsas naviqasiya' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Əsas məzmuna keç' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('az');
  });

  it('switches to English and Russian, updates <html lang> and remembers the choice', async () => {
    renderApp('/');
    const select = await screen.findByLabelText('Dil');

    fireEvent.change(select, { target: { value: 'en' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your worklist' })).toBeTruthy();
    expect(screen.getByText('No tasks are due.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'System status' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ru' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ваш список задач' })).toBeTruthy();
    expect(screen.getByText('Нет задач к выполнению.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Состояние системы' })).toBeTruthy();
    expect(screen.getByLabelText('Язык')).toBeTruthy();
    expect(document.documentElement.lang).toBe('ru');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ru');
  });

  it('starts in the language remembered from the last visit', async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ru');
    renderApp('/');
    expect(await screen.findByRole('heading', { level: 1, name: 'Ваш список задач' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ru');
  });

  it('shows a translated not-found page for an unknown address', async () => {
    renderApp('/no/such/page', { language: 'en' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to your worklist' })).toBeTruthy();
    expect(document.title).toBe('Page not found · Custodia');
  });
});
