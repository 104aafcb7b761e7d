from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

warehouse_engine = create_engine("postgresql://stock@db/warehouse", pool_pre_ping=True)
make_session = sessionmaker(bind=warehouse_engine)
