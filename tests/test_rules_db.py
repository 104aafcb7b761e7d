"""Micro cases for the database rules (IL701-IL703): flagged and silent variants side by side."""
from __future__ import annotations

from helpers import codes_of

THREADED = """
import sqlite3, threading
from concurrent.futures import ThreadPoolExecutor
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker, scoped_session
from sqlalchemy.pool import StaticPool

pool = ThreadPoolExecutor(max_workers=4)
"""


def test_sqlite_connection_created_in_job_is_silent():
    src = THREADED + """
def job(path):
    conn = sqlite3.connect("x.db")
    conn.execute("INSERT INTO t VALUES (?)", (path,))

def run(paths):
    for p in paths:
        pool.submit(job, p)
"""
    assert codes_of(src, select=["IL701"]) == set()


def test_sqlite_connection_shared_with_jobs_is_reported():
    src = THREADED + """
CONN = sqlite3.connect("x.db")

def job(path):
    CONN.execute("INSERT INTO t VALUES (?)", (path,))

def run(paths):
    for p in paths:
        pool.submit(job, p)
"""
    assert codes_of(src, select=["IL701"]) == {"IL701"}


def test_scoped_session_is_silent_and_global_session_is_reported():
    good = THREADED + """
engine = create_engine("sqlite:///x.db")
Sessions = scoped_session(sessionmaker(bind=engine))

def job(path):
    Sessions().execute(text("SELECT 1"))

def run(paths):
    for p in paths:
        pool.submit(job, p)
"""
    bad = THREADED + """
engine = create_engine("sqlite:///x.db")
session = Session(engine)

def job(path):
    session.execute(text("SELECT 1"))

def run(paths):
    for p in paths:
        pool.submit(job, p)
"""
    assert codes_of(good, select=["IL702"]) == set()
    assert codes_of(bad, select=["IL702"]) == {"IL702"}


def test_file_sqlite_engine_with_default_pool_is_silent():
    src = THREADED + """
engine = create_engine("sqlite:///library.db")
SessionLocal = sessionmaker(bind=engine)

def job(path):
    with SessionLocal() as s:
        s.execute(text("SELECT 1"))

def run(paths):
    for p in paths:
        pool.submit(job, p)
"""
    assert codes_of(src, select=["IL703"]) == set()


def test_memory_sqlite_with_static_pool_but_thread_check_is_reported():
    src = THREADED + """
engine = create_engine("sqlite://", poolclass=StaticPool)
SessionLocal = sessionmaker(bind=engine)

def job(path):
    with SessionLocal() as s:
        s.execute(text("SELECT 1"))

def run(paths):
    for p in paths:
        pool.submit(job, p)
"""
    assert codes_of(src, select=["IL703"]) == {"IL703"}
