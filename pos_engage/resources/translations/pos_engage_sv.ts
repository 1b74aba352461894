<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name>BasketPanel</name>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="165"/>
        <source>A weighed line&apos;s weight is not changed with + / −: remove it (Delete) and add it again with the new weight</source>
        <translation>En vägd rads vikt ändras inte med + / −: ta bort raden (Delete) och lägg till den igen med den nya vikten</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="181"/>
        <source>Offer already used</source>
        <translation>Erbjudandet är redan använt</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="182"/>
        <source>Engage says {0} was already used at another till. Remove it from this sale (the customer pays the difference), or keep it (the manager is told)?</source>
        <translation>Engage säger att {0} redan har använts i en annan kassa. Ta bort det från köpet (kunden betalar mellanskillnaden) eller behålla det (chefen får veta)?</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="185"/>
        <source>Remove it</source>
        <translation>Ta bort det</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="186"/>
        <source>Keep it</source>
        <translation>Behåll det</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="32"/>
        <location filename="../../qt/views/basket_entry.py" line="49"/>
        <source>SKU</source>
        <translation>Artikelnr</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="32"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="33"/>
        <source>Qty</source>
        <translation>Antal</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="33"/>
        <source>Unit price</source>
        <translation>Styckpris</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="34"/>
        <location filename="../../qt/views/basket_summary.py" line="52"/>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="34"/>
        <source>VAT</source>
        <translation>Moms</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="35"/>
        <source>Line total</source>
        <translation>Radsumma</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="50"/>
        <source>Article number</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="52"/>
        <location filename="../../qt/views/basket_entry.py" line="53"/>
        <source>Article name</source>
        <translation>Artikelnamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="57"/>
        <source>Quantity (negative for a return)</source>
        <translation>Antal (negativt för retur)</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="58"/>
        <source>A count, or a weight with decimals (0.352) for an article sold by weight: the price is then per kilogram</source>
        <translation>Ett antal, eller en vikt med decimaler (0,352) för en vara som säljs efter vikt: priset är då per kilo</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="67"/>
        <location filename="../../qt/views/basket_entry.py" line="110"/>
        <source>Price</source>
        <translation>Pris</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="68"/>
        <source>Unit price including VAT</source>
        <translation>Styckpris inklusive moms</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="70"/>
        <source>VAT rate</source>
        <translation>Momssats</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="71"/>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="72"/>
        <source>Add line</source>
        <translation>Lägg till rad</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="109"/>
        <source>Price per kg</source>
        <translation>Pris per kg</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="116"/>
        <source>A weight is typed as the scale shows it: − / + count whole articles only</source>
        <translation>En vikt skrivs som vågen visar den: − / + räknar bara hela varor</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="130"/>
        <source>Type or scan the article number first</source>
        <translation>Skriv eller skanna artikelnumret först</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="82"/>
        <source>Basket</source>
        <translation>Varukorg</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="37"/>
        <source>Amount paid by this method</source>
        <translation>Belopp som betalas på detta sätt</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="43"/>
        <source>Take part payment</source>
        <translation>Ta delbetalning</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="44"/>
        <location filename="../../qt/views/basket_paying.py" line="45"/>
        <source>Clear payments</source>
        <translation>Rensa betalningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="72"/>
        <source>Payments</source>
        <translation>Betalningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="241"/>
        <source>Cash rounding {0}</source>
        <translation>Öresavrundning {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="55"/>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="36"/>
        <source>Leave empty to pay all that remains</source>
        <translation>Lämna tomt för att betala allt som återstår</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="60"/>
        <source>Cash rounding</source>
        <translation>Öresavrundning</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="66"/>
        <source>Finish sale  (F9)</source>
        <translation>Avsluta köp  (F9)</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="68"/>
        <source>Finish sale</source>
        <translation>Avsluta köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="86"/>
        <location filename="../../qt/views/basket_summary.py" line="189"/>
        <source>Last sale</source>
        <translation>Senaste köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="179"/>
        <source>What was refused</source>
        <translation>Det som nekades</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_entry.py" line="140"/>
        <source>The price is not a number</source>
        <translation>Priset är inte ett tal</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="166"/>
        <source>The amount is not a number</source>
        <translation>Beloppet är inte ett tal</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="35"/>
        <source>Amount given</source>
        <translation>Givet belopp</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="81"/>
        <source>Change to give back</source>
        <translation>Växel att ge tillbaka</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="185"/>
        <source>Delete</source>
        <translation>Radera</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_panel.py" line="207"/>
        <source>Discounts {0}</source>
        <translation>Rabatter {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="251"/>
        <source>Exact {0}</source>
        <translation>Jämnt {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="147"/>
        <source>Give back {0}</source>
        <translation>Ge tillbaka {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="40"/>
        <location filename="../../qt/views/basket_paying.py" line="41"/>
        <source>Keypad</source>
        <translation>Knappsats</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="53"/>
        <location filename="../../qt/views/basket_entry.py" line="62"/>
        <source>One fewer</source>
        <translation>En färre</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="59"/>
        <location filename="../../qt/views/basket_entry.py" line="65"/>
        <source>One more</source>
        <translation>En till</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="56"/>
        <source>Quantity</source>
        <translation>Antal</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_lines.py" line="62"/>
        <location filename="../../qt/views/basket_lines.py" line="63"/>
        <source>Remove line</source>
        <translation>Ta bort raden</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="206"/>
        <source>Paid: {0}</source>
        <translation>Betalt: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="42"/>
        <source>Part payment (F8)</source>
        <translation>Delbetala (F8)</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="100"/>
        <source>Pay by {0}</source>
        <translation>Betala med {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_summary.py" line="65"/>
        <source>To pay</source>
        <translation>Att betala</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="238"/>
        <source>To pay {0}</source>
        <translation>Att betala {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/basket_paying.py" line="227"/>
        <location filename="../../qt/views/basket_paying.py" line="237"/>
        <source>Total {0}</source>
        <translation>Totalt {0}</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_weighed.py" line="44"/>
        <source>The weight is not a number: type it as the scale shows it, like {0}</source>
        <translation>Vikten är inget tal: skriv den som vågen visar den, t.ex. {0}</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_weighed.py" line="47"/>
        <source>A weight cannot be negative: type what the scale shows, like {0}</source>
        <translation>En vikt kan inte vara negativ: skriv det vågen visar, t.ex. {0}</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_weighed.py" line="50"/>
        <source>A weight of 0 is nothing to sell: type what the scale shows, like {0}</source>
        <translation>En vikt på 0 går inte att sälja: skriv det vågen visar, t.ex. {0}</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_weighed.py" line="53"/>
        <source>A weight has at most 3 decimals (grams), like {0}</source>
        <translation>En vikt har högst 3 decimaler (gram), t.ex. {0}</translation>
    </message>
</context>
<context>
    <name>CandidateList</name>
    <message>
        <location filename="../../qt/views/candidate_list.py" line="45"/>
        <source>Customers sharing this key: pick one</source>
        <translation>Kunder med samma uppgift: välj en</translation>
    </message>
    <message>
        <location filename="../../qt/views/candidate_list.py" line="65"/>
        <source>Member</source>
        <translation>Medlem</translation>
    </message>
    <message>
        <location filename="../../qt/views/candidate_list.py" line="65"/>
        <source>Contact (not a member)</source>
        <translation>Kontakt (inte medlem)</translation>
    </message>
    <message>
        <location filename="../../qt/views/candidate_list.py" line="67"/>
        <source>no. {0}</source>
        <translation>nr {0}</translation>
    </message>
</context>
<context>
    <name>CodeDialog</name>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="66"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="93"/>
        <source>Delete</source>
        <translation>Radera</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="93"/>
        <source>Next field</source>
        <translation>Nästa fält</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="85"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="45"/>
        <source>Sign in</source>
        <translation>Logga in</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="52"/>
        <source>A manager approves this with the till&apos;s manager PIN.</source>
        <translation>En chef godkänner detta med kassans chefs-PIN-kod.</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="54"/>
        <source>Your code:</source>
        <translation>Din kod:</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="61"/>
        <location filename="../../qt/views/sign_in_dialog.py" line="76"/>
        <source>Staff number</source>
        <translation>Personalnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="66"/>
        <source>PIN</source>
        <translation>PIN-kod</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="125"/>
        <source>Type the code</source>
        <translation>Skriv koden</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="125"/>
        <source>Type the PIN</source>
        <translation>Skriv PIN-koden</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="124"/>
        <source>Type the staff number and the code</source>
        <translation>Skriv personalnumret och koden</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="54"/>
        <source>Your staff number and your code:</source>
        <translation>Ditt personalnummer och din kod:</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="45"/>
        <source>Manager&apos;s approval</source>
        <translation>Chefens godkännande</translation>
    </message>
    <message>
        <location filename="../../qt/views/sign_in_dialog.py" line="51"/>
        <source>A manager&apos;s staff number and code:</source>
        <translation>En chefs personalnummer och kod:</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../qt/views/customer_card.py" line="58"/>
        <source>Points unavailable</source>
        <translation>Poängen kan inte visas just nu</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="63"/>
        <source>({0} pending)</source>
        <translation>({0} väntande)</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_offers.py" line="31"/>
        <source>{0} {1} voucher</source>
        <translation>värdecheck {0} {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_offers.py" line="42"/>
        <source>expires {0}</source>
        <translation>går ut {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_offers.py" line="55"/>
        <source>Cannot be used now: {0}</source>
        <translation>Kan inte användas nu: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="59"/>
        <source>Card, email or mobile</source>
        <translation>Kort, e-post eller mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="60"/>
        <source>Customer card, email or mobile</source>
        <translation>Kundkort, e-post eller mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="63"/>
        <source>Find</source>
        <translation>Sök</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="64"/>
        <source>Find customer</source>
        <translation>Hitta kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="78"/>
        <source>Customer message</source>
        <translation>Meddelande om kunden</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="83"/>
        <source>Register new customer</source>
        <translation>Registrera ny kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="93"/>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="95"/>
        <location filename="../../qt/views/customer_panel.py" line="360"/>
        <source>No customer</source>
        <translation>Ingen kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="98"/>
        <source>Customer name</source>
        <translation>Kundens namn</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="102"/>
        <source>Customer details</source>
        <translation>Kunduppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="108"/>
        <source>Edit details</source>
        <translation>Ändra uppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="109"/>
        <source>Edit customer details</source>
        <translation>Ändra kunduppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="110"/>
        <source>Make member</source>
        <translation>Gör till medlem</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="111"/>
        <source>Upgrade to member</source>
        <translation>Uppgradera till medlem</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="140"/>
        <source>Promotions and vouchers</source>
        <translation>Erbjudanden och värdecheckar</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="219"/>
        <source>No customer found. Register them?</source>
        <translation>Ingen kund hittades. Registrera kunden?</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="337"/>
        <source>No customer found; the sale stays with {0}</source>
        <translation>Ingen kund hittades; köpet är kvar på {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="31"/>
        <source>Member</source>
        <translation>Medlem</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="33"/>
        <source>Contact (not a member)</source>
        <translation>Kontakt (inte medlem)</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="41"/>
        <source>promotion</source>
        <translation>erbjudande</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="42"/>
        <source>promotions</source>
        <translation>erbjudanden</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="43"/>
        <source>voucher</source>
        <translation>värdecheck</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="44"/>
        <source>vouchers</source>
        <translation>värdecheckar</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="297"/>
        <source>registered offline, </source>
        <translation>registrerad offline, </translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="299"/>
        <source>Offline: will be matched later</source>
        <translation>Offline: matchas senare</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="76"/>
        <source>worth {0}</source>
        <translation>till ett värde av {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="326"/>
        <source>Promotions as of less than a minute ago</source>
        <translation>Erbjudanden från mindre än en minut sedan</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="327"/>
        <source>Promotions as of {0} min ago</source>
        <translation>Erbjudanden från {0} min sedan</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="134"/>
        <source>Promotions and vouchers: tap to apply  (F4)</source>
        <translation>Erbjudanden och värdecheckar: tryck för att använda  (F4)</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="168"/>
        <source>Clear</source>
        <translation>Rensa</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="112"/>
        <location filename="../../qt/views/customer_panel.py" line="121"/>
        <source>Last purchases</source>
        <translation>Senaste köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="82"/>
        <source>Register  (F3)</source>
        <translation>Registrera  (F3)</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="114"/>
        <source>Show the customer&apos;s last purchases</source>
        <translation>Visa kundens senaste köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="189"/>
        <source>Asking Engage…</source>
        <translation>Frågar Engage…</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="195"/>
        <source>The last purchases cannot be shown: {0}</source>
        <translation>De senaste köpen kan inte visas: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_panel.py" line="197"/>
        <source>No purchases yet</source>
        <translation>Inga köp ännu</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="82"/>
        <source>item</source>
        <translation>vara</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="82"/>
        <source>items</source>
        <translation>varor</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="39"/>
        <source>Offers by email: {0} · by SMS: {1}</source>
        <translation>Erbjudanden via e-post: {0} · via sms: {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="28"/>
        <source>Member number</source>
        <translation>Medlemsnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="38"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="38"/>
        <source>no</source>
        <translation>nej</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="65"/>
        <source>Points: {0}</source>
        <translation>Poäng: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/customer_card.py" line="35"/>
        <source>Level: {0}</source>
        <translation>Nivå: {0}</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
        <location filename="../../qt/models/journal_model.py" line="47"/>
        <source>Entry</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="47"/>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="48"/>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="48"/>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="49"/>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="49"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="50"/>
        <source>Attempts</source>
        <translation>Försök</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="50"/>
        <source>Next try</source>
        <translation>Nästa försök</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="51"/>
        <source>What to do</source>
        <translation>Att göra</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="68"/>
        <source>pending</source>
        <translation>väntar</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="69"/>
        <source>being sent</source>
        <translation>skickas</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="70"/>
        <source>delivered</source>
        <translation>levererad</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="71"/>
        <source>waiting to retry</source>
        <translation>väntar på nytt försök</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="72"/>
        <source>needs attention</source>
        <translation>behöver åtgärd</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="73"/>
        <source>conflict</source>
        <translation>konflikt</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="74"/>
        <source>sent by file</source>
        <translation>skickad via fil</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="75"/>
        <source>resolved</source>
        <translation>avslutad</translation>
    </message>
</context>
<context>
    <name>LinkBridge</name>
    <message>
        <location filename="../../qt/link_bridge.py" line="197"/>
        <source>The POS opened sale {0}: it is shown here once this sale is finished (F9) or voided (F12)</source>
        <translation>Kassasystemet öppnade köp {0}: det visas här när det här köpet är avslutat (F9) eller makulerat (F12)</translation>
    </message>
    <message>
        <location filename="../../qt/link_bridge.py" line="294"/>
        <source>Offers are applied once the POS has opened the sale</source>
        <translation>Erbjudanden används när kassasystemet har öppnat köpet</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../qt/views/window_people.py" line="43"/>
        <source>Till {0} (shared, no sign-in)</source>
        <translation>Kassa {0} (gemensam, ingen inloggning)</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_people.py" line="44"/>
        <source>Till {0}</source>
        <translation>Kassa {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_people.py" line="84"/>
        <source>Nobody signed in: Ctrl+L</source>
        <translation>Ingen inloggad: Ctrl+L</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_people.py" line="52"/>
        <source>Nobody signs in at this till: IT keeps no staff list</source>
        <translation>Ingen loggar in vid den här kassan: IT har ingen personallista</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="26"/>
        <location filename="../../qt/views/main_window.py" line="217"/>
        <source>Sign in / change cashier</source>
        <translation>Logga in / byt kassör</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="59"/>
        <source>Signed in</source>
        <translation>Inloggad</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_people.py" line="80"/>
        <source>Signed in: {0}</source>
        <translation>Inloggad: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="33"/>
        <source>Something between this till and Engage answers instead of Engage: sales are saved and sent later; call IT</source>
        <translation>Något mellan den här kassan och Engage svarar i stället för Engage: försäljningen sparas och skickas senare; ring IT</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="84"/>
        <source>pos-engage: till companion</source>
        <translation>pos-engage: kassastöd</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="102"/>
        <source>DEMO: embedded Engage simulator with demo data. Nothing reaches a real Engage.</source>
        <translation>DEMO: inbyggd Engage-simulator med demodata. Inget når ett riktigt Engage.</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="108"/>
        <source>Demo mode</source>
        <translation>Demoläge</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="51"/>
        <source>Engage connection</source>
        <translation>Anslutning till Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="227"/>
        <location filename="../../qt/views/window_status.py" line="53"/>
        <source>Offline queue</source>
        <translation>Offlinekö</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="55"/>
        <source>Needs attention</source>
        <translation>Behöver åtgärd</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="195"/>
        <source>&amp;Sale</source>
        <translation>&amp;Försäljning</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="17"/>
        <location filename="../../qt/views/main_window.py" line="204"/>
        <source>Find customer</source>
        <translation>Hitta kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="16"/>
        <source>Help: this list</source>
        <translation>Hjälp: den här listan</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="18"/>
        <location filename="../../qt/views/main_window.py" line="205"/>
        <source>Register new customer</source>
        <translation>Registrera ny kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="19"/>
        <location filename="../../qt/views/main_window.py" line="206"/>
        <source>Promotions and vouchers</source>
        <translation>Erbjudanden och värdecheckar</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="20"/>
        <location filename="../../qt/views/main_window.py" line="207"/>
        <source>Add an article</source>
        <translation>Lägg till en artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="21"/>
        <source>Orders: the customer&apos;s orders, a new order from the basket</source>
        <translation>Ordrar: kundens ordrar, en ny order från korgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="23"/>
        <source>Take part of the payment (split payment)</source>
        <translation>Ta en del av betalningen (delad betalning)</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="24"/>
        <source>Finish the sale: what remains is paid by the chosen method</source>
        <translation>Avsluta köpet: det som återstår betalas med valt sätt</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="25"/>
        <source>New sale (voids this one)</source>
        <translation>Nytt köp (makulerar detta)</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="30"/>
        <source>Apply / remove the selected promotion</source>
        <translation>Använd / ta bort valt erbjudande</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="31"/>
        <source>Remove the selected basket line</source>
        <translation>Ta bort vald rad i varukorgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="32"/>
        <source>One more / one fewer of the selected basket line</source>
        <translation>En till / en mindre av den valda raden i korgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="34"/>
        <source>On the payment methods: move to the next one and choose it</source>
        <translation>På betalsätten: gå till nästa och välj det</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="40"/>
        <source>Add an article: at the POS while it is linked</source>
        <translation>Lägg till en artikel: i kassasystemet medan det är kopplat</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="41"/>
        <location filename="../../qt/views/window_layout.py" line="135"/>
        <source>Returns: made at the POS while it is linked</source>
        <translation>Returer: görs i kassasystemet medan det är kopplat</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="42"/>
        <location filename="../../qt/views/window_dialogs.py" line="43"/>
        <source>Payment: taken at the POS while it is linked</source>
        <translation>Betalning: tas i kassasystemet medan det är kopplat</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="44"/>
        <source>Finish the sale: at the POS while it is linked</source>
        <translation>Avsluta köpet: i kassasystemet medan det är kopplat</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="45"/>
        <source>New sale: opened at the POS while it is linked</source>
        <translation>Nytt köp: öppnas i kassasystemet medan det är kopplat</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="65"/>
        <source>The queue cannot be shown</source>
        <translation>Kön kan inte visas</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="30"/>
        <source>Engage online</source>
        <translation>Engage ansluten</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="31"/>
        <source>Engage slow</source>
        <translation>Engage långsamt</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="32"/>
        <source>Engage offline: sales are saved and sent later</source>
        <translation>Engage offline: köp sparas och skickas senare</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="141"/>
        <source>Starting…</source>
        <translation>Startar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="208"/>
        <source>Orders…</source>
        <translation>Ordrar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="210"/>
        <source>Take part payment</source>
        <translation>Ta delbetalning</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="211"/>
        <source>Finish sale</source>
        <translation>Avsluta köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="212"/>
        <source>New sale</source>
        <translation>Nytt köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="29"/>
        <location filename="../../qt/views/main_window.py" line="218"/>
        <source>Quit</source>
        <translation>Avsluta</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="197"/>
        <source>&amp;Demo</source>
        <translation>&amp;Demo</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="222"/>
        <source>Simulate Engage outage</source>
        <translation>Simulera avbrott i Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="198"/>
        <source>&amp;Manager</source>
        <translation>&amp;Butikschef</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="228"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="199"/>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="141"/>
        <location filename="../../qt/views/window_dialogs.py" line="142"/>
        <location filename="../../qt/views/main_window.py" line="229"/>
        <source>Keyboard shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="12"/>
        <source>Orders are not available on this till</source>
        <translation>Ordrar finns inte på den här kassan</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="13"/>
        <source>The basket is empty: add what the customer orders first</source>
        <translation>Korgen är tom: lägg först till det kunden beställer</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="14"/>
        <source>Order {0} saved; sending to Engage…</source>
        <translation>Order {0} sparad; skickas till Engage…</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="15"/>
        <source>✔ Order {0}: sent to Engage</source>
        <translation>✔ Order {0}: skickad till Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="16"/>
        <source>↻ Order {0}: queued, will be sent when Engage answers</source>
        <translation>↻ Order {0}: i kö, skickas när Engage svarar</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="17"/>
        <source>⚠ Order {0}: Engage did not take it; the manager sees why in the queue</source>
        <translation>⚠ Order {0}: Engage tog inte emot den; butikschefen ser varför i kön</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="124"/>
        <source>Settings saved: they take effect when pos-engage starts again</source>
        <translation>Inställningarna sparade: de gäller när pos-engage startas igen</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="90"/>
        <source>Queue: {0} waiting, oldest {1}</source>
        <translation>Kö: {0} väntar, äldsta {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="97"/>
        <source>Queue: empty</source>
        <translation>Kö: tom</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="99"/>
        <source>⚠ {0} need attention, {1} conflicts: tell the manager</source>
        <translation>⚠ {0} behöver åtgärd, {1} konflikter: säg till butikschefen</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="117"/>
        <source>The journal is damaged</source>
        <translation>Journalen är skadad</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="124"/>
        <source>✖ Journal damaged: restart the till</source>
        <translation>✖ Journalen skadad: starta om pos-engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="134"/>
        <source>Working…</source>
        <translation>Arbetar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="116"/>
        <source>Go back</source>
        <translation>Gå tillbaka</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="66"/>
        <source>Payments of {0} are taken for this sale. Void it anyway? A manager&apos;s code is needed, and the payments must be given back.</source>
        <translation>Betalningar på {0} är redan tagna för det här köpet. Makulera ändå? Det krävs en chefskod, och betalningarna måste ges tillbaka.</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_register.py" line="28"/>
        <source>Register a new customer?</source>
        <translation>Registrera en ny kund?</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_register.py" line="32"/>
        <source>Register someone new</source>
        <translation>Registrera en ny kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="35"/>
        <source>The amount is not a number</source>
        <translation>Beloppet är inte ett tal</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="75"/>
        <source>Void the sale</source>
        <translation>Makulera köpet</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="161"/>
        <source>Receipt {0} saved ({1}); sending to Engage…</source>
        <translation>Kvitto {0} sparat ({1}); skickas till Engage…</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="163"/>
        <source>Receipt {0} saved ({1}); no customer, so nothing goes to Engage (this store has no catch-all contact)</source>
        <translation>Kvitto {0} sparat ({1}); ingen kund, så inget skickas till Engage (butiken har ingen samlingskontakt)</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="181"/>
        <source>✔ Receipt {0}: sent to Engage</source>
        <translation>✔ Kvitto {0}: skickat till Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="182"/>
        <source>↻ Receipt {0}: queued, will be sent when Engage answers</source>
        <translation>↻ Kvitto {0}: i kö, skickas när Engage svarar</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="74"/>
        <source>Void the sale?</source>
        <translation>Makulera köpet?</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="72"/>
        <source>Void this sale ({0} lines) and start a new one?</source>
        <translation>Makulera det här köpet ({0} rader) och börja ett nytt?</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_sale.py" line="70"/>
        <source>Void this sale (1 line) and start a new one?</source>
        <translation>Makulera det här köpet (1 rad) och börja ett nytt?</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_register.py" line="29"/>
        <source>{0} is the customer of this sale. Register someone else instead? The offers applied for {0} are taken off the sale.</source>
        <translation>{0} är kund i det här köpet. Registrera någon annan i stället? Erbjudandena som används för {0} tas bort från köpet.</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="28"/>
        <source>Manager: settings</source>
        <translation>Chef: inställningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="27"/>
        <source>Manager: the offline queue</source>
        <translation>Chef: offlinekön</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="25"/>
        <source>Not Engage: call IT</source>
        <translation>Inte Engage: ring IT</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="24"/>
        <source>Offline</source>
        <translation>Frånkopplad</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="22"/>
        <source>Online</source>
        <translation>Ansluten</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="26"/>
        <source>Checking…</source>
        <translation>Kontrollerar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="36"/>
        <source>Checking Engage…</source>
        <translation>Kontrollerar Engage…</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="92"/>
        <source>Queue: {0}</source>
        <translation>Kö: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="23"/>
        <source>Slow</source>
        <translation>Långsam</translation>
    </message>
    <message>
        <location filename="../../qt/views/main_window.py" line="209"/>
        <location filename="../../qt/views/window_layout.py" line="134"/>
        <source>Return against a sale…</source>
        <translation>Retur mot ett köp…</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_dialogs.py" line="22"/>
        <source>Return against a sale: find it by its receipt, refund what was paid</source>
        <translation>Retur mot ett köp: hitta det med kvittot, betala tillbaka det som betalades</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="19"/>
        <source>Cancel order {0}? Engage emails the customer that it is cancelled.</source>
        <translation>Avbryta order {0}? Engage mejlar kunden att den är avbruten.</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="22"/>
        <source>Cancel the order</source>
        <translation>Avbryt ordern</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="18"/>
        <source>Cancel the order?</source>
        <translation>Avbryta ordern?</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_orders.py" line="20"/>
        <source>Order {0} is paid ({1}). Cancel it anyway? A manager&apos;s code is needed, the payment must be given back, and Engage emails the customer.</source>
        <translation>Order {0} är betald ({1}). Avbryta ändå? Det krävs en chefskod, betalningen måste ges tillbaka, och Engage mejlar kunden.</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_status.py" line="96"/>
        <source>Queue: 0</source>
        <translation>Kö: 0</translation>
    </message>
    <message>
        <location filename="../../qt/views/window_layout.py" line="162"/>
        <source>DEMO: Engage simulator, demo data only</source>
        <translation>DEMO: Engage-simulator, bara demodata</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="53"/>
        <source>Pickup in store</source>
        <translation>Hämtas i butik</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="54"/>
        <source>Home delivery</source>
        <translation>Hemleverans</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="62"/>
        <source>New order from the basket</source>
        <translation>Ny order från korgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="65"/>
        <source>First name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="65"/>
        <source>Last name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="66"/>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="66"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="67"/>
        <source>Street</source>
        <translation>Gatuadress</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="67"/>
        <source>Postcode</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="67"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="76"/>
        <location filename="../../qt/views/orders_panel.py" line="77"/>
        <source>Delivery</source>
        <translation>Leverans</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="81"/>
        <source>What to correct</source>
        <translation>Det här behöver rättas</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="84"/>
        <source>Create order</source>
        <translation>Skapa order</translation>
    </message>
</context>
<context>
    <name>OrdersPanel</name>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="46"/>
        <source>In progress</source>
        <translation>Behandlas</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="47"/>
        <source>Ready for pickup</source>
        <translation>Klar att hämta</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="48"/>
        <source>Shipped</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="49"/>
        <source>Delivered</source>
        <translation>Levererad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="155"/>
        <source>Returned</source>
        <translation>Returnerad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="37"/>
        <source>✔ sent</source>
        <translation>✔ skickad</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="38"/>
        <source>↻ queued</source>
        <translation>↻ i kö</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="39"/>
        <source>⚠ needs attention</source>
        <translation>⚠ behöver åtgärd</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="40"/>
        <source>⚠ conflict</source>
        <translation>⚠ konflikt</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="41"/>
        <source>✔ sent by file</source>
        <translation>✔ skickad som fil</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="42"/>
        <source>– closed by the manager</source>
        <translation>– avslutad av butikschefen</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="50"/>
        <source>Cancel order</source>
        <translation>Avbryt order</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="108"/>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="108"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="109"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="109"/>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="110"/>
        <source>Engage</source>
        <translation>Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="110"/>
        <source>Marketing platform</source>
        <translation>Marknadsplattform</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="114"/>
        <source>Orders</source>
        <translation>Ordrar</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="120"/>
        <source>Orders of</source>
        <translation>Ordrar för</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="124"/>
        <source>New order from the basket</source>
        <translation>Ny order från korgen</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="125"/>
        <source>Refresh</source>
        <translation>Uppdatera</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="134"/>
        <source>The customer&apos;s orders</source>
        <translation>Kundens ordrar</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="149"/>
        <source>Mark the order: {0}</source>
        <translation>Markera ordern: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="155"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="155"/>
        <source>Ordered</source>
        <translation>Beställt</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="156"/>
        <source>Return now</source>
        <translation>Returnera nu</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="157"/>
        <source>Lines of the selected order</source>
        <translation>Rader i vald order</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="163"/>
        <source>Return the chosen quantities</source>
        <translation>Returnera valda antal</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="169"/>
        <source>Order status detail</source>
        <translation>Orderstatus i detalj</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="197"/>
        <source>Orders of {0}</source>
        <translation>Ordrar för {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="198"/>
        <source>No customer identified: a new order asks who it is for</source>
        <translation>Ingen kund identifierad: en ny order frågar vem den gäller</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="209"/>
        <source>in Engage (web shop)</source>
        <translation>i Engage (webbutik)</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="253"/>
        <source>Return now: {0}</source>
        <translation>Returnera nu: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="261"/>
        <source>Placed elsewhere (e.g. the web shop); a change here takes it over at this till.</source>
        <translation>Lagd någon annanstans (t.ex. webbutiken); en ändring här tar över den på den här kassan.</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="265"/>
        <source>Change {0}: Engage {1}</source>
        <translation>Ändring {0}: Engage {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="269"/>
        <source>marketing platform {0}</source>
        <translation>marknadsplattform {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/orders_panel.py" line="274"/>
        <source>… and {0} earlier changes</source>
        <translation>… och {0} tidigare ändringar</translation>
    </message>
</context>
<context>
    <name>PosSalePanel</name>
    <message>
        <location filename="../../qt/views/pos_sale_lines.py" line="108"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_lines.py" line="110"/>
        <source>Discount</source>
        <translation>Rabatt</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="172"/>
        <source>Open at the POS: the POS takes the payment</source>
        <translation>Öppen i kassasystemet: kassasystemet tar betalningen</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="173"/>
        <source>Paid at the POS: the sale is saved</source>
        <translation>Betald i kassasystemet: köpet är sparat</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_lines.py" line="109"/>
        <source>Quantity</source>
        <translation>Antal</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="54"/>
        <source>Sale from the POS</source>
        <translation>Köp från kassasystemet</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="108"/>
        <source>Sales open at the POS: {0}. Shown: the one changed last.</source>
        <translation>Öppna köp i kassasystemet: {0}. Här visas det som ändrades senast.</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="110"/>
        <source>Other sales open at the POS: {0}. One shows here when the POS changes it.</source>
        <translation>Andra öppna köp i kassasystemet: {0}. Ett visas här när kassasystemet ändrar det.</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="116"/>
        <source>Articles and payment are taken at the POS. A customer identified here now goes onto the POS&apos;s next sale.</source>
        <translation>Artiklar och betalning tas i kassasystemet. En kund som identifieras här nu kommer med på kassasystemets nästa köp.</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="128"/>
        <source>Waiting for the POS to open a sale</source>
        <translation>Väntar på att kassasystemet öppnar ett köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="167"/>
        <source>To pay {0}</source>
        <translation>Att betala {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="178"/>
        <source>Sale {0} is paid and saved. Ready for the next customer.</source>
        <translation>Köp {0} är betalt och sparat. Klart för nästa kund.</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="179"/>
        <source>Sale {0} was voided: nothing was saved. Ready for the next customer.</source>
        <translation>Köp {0} makulerades: inget sparades. Klart för nästa kund.</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="183"/>
        <source>Sale {0} from the POS</source>
        <translation>Köp {0} från kassasystemet</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_lines.py" line="57"/>
        <source>POS discount</source>
        <translation>Kassasystemets rabatt</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_lines.py" line="60"/>
        <source>POS: {0}</source>
        <translation>Kassasystemet: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_lines.py" line="107"/>
        <source>The POS&apos;s lines</source>
        <translation>Kassasystemets rader</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_lines.py" line="111"/>
        <source>To pay</source>
        <translation>Att betala</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="65"/>
        <source>Totals</source>
        <translation>Summor</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="165"/>
        <source>Before {0} · Offers {1}</source>
        <translation>Före {0} · Erbjudanden {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/pos_sale_panel.py" line="174"/>
        <source>Voided at the POS</source>
        <translation>Makulerat i kassasystemet</translation>
    </message>
</context>
<context>
    <name>QueueBridge</name>
    <message>
        <location filename="../../qt/queue_bridge.py" line="64"/>
        <source>{0} (stopped: the rest stays in the queue)</source>
        <translation>{0} (stoppad: resten ligger kvar i kön)</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../qt/views/queue_view.py" line="115"/>
        <source>Unsent sales outside the queue</source>
        <translation>Oskickade köp utanför kön</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="54"/>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="55"/>
        <source>Needs attention or conflict</source>
        <translation>Behöver åtgärd eller konflikt</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="57"/>
        <source>Waiting to be sent</source>
        <translation>Väntar på att skickas</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="59"/>
        <source>Sent</source>
        <translation>Skickade</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="60"/>
        <source>Exported to a file</source>
        <translation>Exporterade till fil</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="61"/>
        <source>Resolved</source>
        <translation>Avslutade</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="93"/>
        <source>Offline queue</source>
        <translation>Offlinekö</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="119"/>
        <source>Show entries</source>
        <translation>Visa poster</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="123"/>
        <source>Kind of entry</source>
        <translation>Typ av post</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="124"/>
        <source>Every kind</source>
        <translation>Alla typer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="135"/>
        <source>Queue summary</source>
        <translation>Sammanfattning av kön</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="139"/>
        <source>Journal entries</source>
        <translation>Poster i journalen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="145"/>
        <source>Entry details</source>
        <translation>Postens detaljer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="156"/>
        <source>Retry now</source>
        <translation>Försök igen nu</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="157"/>
        <source>Resolve…</source>
        <translation>Markera som löst…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="158"/>
        <source>Show personal data</source>
        <translation>Visa personuppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="159"/>
        <source>Export queue to files</source>
        <translation>Exportera kön till filer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="160"/>
        <source>Export selected</source>
        <translation>Exportera vald</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="161"/>
        <source>Correct registration…</source>
        <translation>Rätta registreringen…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="162"/>
        <source>Send all now</source>
        <translation>Skicka allt nu</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="163"/>
        <source>Upload files</source>
        <translation>Ladda upp filer</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="164"/>
        <source>Stop</source>
        <translation>Stoppa</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="182"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="266"/>
        <source>, oldest {0} min</source>
        <translation>, äldsta {0} min</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="268"/>
        <source>{0} waiting{1} · needs attention: {2} · conflicts: {3} · exported: {4}</source>
        <translation>{0} väntar{1} · behöver åtgärd: {2} · konflikter: {3} · exporterade: {4}</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="285"/>
        <source>sorted by {0}, descending</source>
        <translation>sorterat efter {0}, fallande</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="286"/>
        <source>sorted by {0}, ascending</source>
        <translation>sorterat efter {0}, stigande</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="289"/>
        <source>Sorted among the newest {0} of {1} entries: choose a filter to sort them all.</source>
        <translation>Sorterat bland de {0} nyaste av {1} poster: välj ett filter för att sortera alla.</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_details.py" line="32"/>
        <source>Attempts:</source>
        <translation>Försök:</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_details.py" line="33"/>
        <source>Audit:</source>
        <translation>Logg över åtgärder:</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_details.py" line="34"/>
        <source>Not tried yet</source>
        <translation>Inte försökt ännu</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_details.py" line="35"/>
        <source>Engage&apos;s message:</source>
        <translation>Engages meddelande:</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_details.py" line="36"/>
        <source>The marketing platform&apos;s message:</source>
        <translation>Marknadsplattformens meddelande:</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="23"/>
        <source>Entry {0} will be sent again</source>
        <translation>Post {0} skickas igen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="24"/>
        <source>Entry {0} closed: {1}</source>
        <translation>Post {0} avslutad: {1}</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="25"/>
        <source>Personal data shown until this window closes</source>
        <translation>Personuppgifter visas tills fönstret stängs</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="26"/>
        <source>Registration {0} corrected; it will be sent again</source>
        <translation>Registrering {0} rättad; den skickas igen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="27"/>
        <source>Sending…</source>
        <translation>Skickar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="28"/>
        <source>Uploading…</source>
        <translation>Laddar upp…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="29"/>
        <source>{0} sent, {1} still waiting…</source>
        <translation>{0} skickade, {1} väntar fortfarande…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="30"/>
        <source>File {0} of {1}…</source>
        <translation>Fil {0} av {1}…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_actions.py" line="31"/>
        <source>Exporting…</source>
        <translation>Exporterar…</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_view.py" line="146"/>
        <location filename="../../qt/views/queue_view.py" line="148"/>
        <source>Show the raw data</source>
        <translation>Visa rådata</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_dialogs.py" line="26"/>
        <source>Why is it resolved without sending? It will never reach Engage.</source>
        <translation>Varför markeras den som löst utan att skickas? Den når då aldrig Engage.</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_dialogs.py" line="63"/>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_dialogs.py" line="64"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_dialogs.py" line="24"/>
        <source>Correct registration</source>
        <translation>Rätta registreringen</translation>
    </message>
    <message>
        <location filename="../../qt/views/queue_dialogs.py" line="25"/>
        <source>Resolve</source>
        <translation>Markera som löst</translation>
    </message>
    <message>
        <location filename="../../qt/models/journal_model.py" line="57"/>
        <source>Who · where</source>
        <translation>Vem · var</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="81"/>
        <source>Loyalty card</source>
        <translation>Kundkort</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="107"/>
        <source>New card (optional)</source>
        <translation>Nytt kort (frivilligt)</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="176"/>
        <source>A card number has digits only: scan the card or type its number</source>
        <translation>Ett kortnummer har bara siffror: skanna kortet eller skriv numret</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="178"/>
        <source>This is the card&apos;s number, not a mobile number</source>
        <translation>Det här är kortets nummer, inte ett mobilnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="82"/>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="82"/>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="83"/>
        <source>Offers by email</source>
        <translation>Erbjudanden via e-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="83"/>
        <source>Offers by SMS</source>
        <translation>Erbjudanden via sms</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="129"/>
        <source>Keep as Engage has it</source>
        <translation>Behåll som i Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="295"/>
        <source>{0}: {1} → {2}</source>
        <translation>{0}: {1} → {2}</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="302"/>
        <source>Upgrade to member and save</source>
        <translation>Uppgradera till medlem och spara</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="304"/>
        <source>Save the changes</source>
        <translation>Spara ändringarna</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="72"/>
        <source>Edit customer details</source>
        <translation>Ändra kunduppgifter</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="72"/>
        <source>Register new customer</source>
        <translation>Registrera ny kund</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="78"/>
        <source>First name</source>
        <translation>Förnamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="78"/>
        <source>Last name</source>
        <translation>Efternamn</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="79"/>
        <source>Email</source>
        <translation>E-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="79"/>
        <source>Mobile</source>
        <translation>Mobil</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="80"/>
        <source>Postcode</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="80"/>
        <source>Personal number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="97"/>
        <source>error</source>
        <translation>fel</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="109"/>
        <source>YYYYMMDD-NNNN</source>
        <translation>ÅÅÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="111"/>
        <source>The customer wants offers by email</source>
        <translation>Kunden vill ha erbjudanden via e-post</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="112"/>
        <source>The customer wants offers by SMS</source>
        <translation>Kunden vill ha erbjudanden via sms</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="140"/>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="140"/>
        <source>Register</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="172"/>
        <source>Not a valid email address</source>
        <translation>Ingen giltig e-postadress</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="174"/>
        <source>Not a valid mobile number (like 070 123 45 67)</source>
        <translation>Inget giltigt mobilnummer (som 070 123 45 67)</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="182"/>
        <source>An email address or a mobile number is needed</source>
        <translation>En e-postadress eller ett mobilnummer behövs</translation>
    </message>
    <message>
        <location filename="../../qt/views/register_dialog.py" line="180"/>
        <source>The customer&apos;s name is needed</source>
        <translation>Kundens namn behövs</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="104"/>
        <location filename="../../qt/views/return_dialog.py" line="170"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="169"/>
        <source>Article number</source>
        <translation>Artikelnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="104"/>
        <source>Bought</source>
        <translation>Köpt</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="144"/>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="105"/>
        <source>Comes back</source>
        <translation>Lämnas tillbaka</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="80"/>
        <source>Customer&apos;s purchases in Engage</source>
        <translation>Kundens köp i Engage</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="245"/>
        <source>Sold by weight: return it without the original sale</source>
        <translation>Såld efter vikt: returnera den utan det ursprungliga köpet</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="78"/>
        <source>Find</source>
        <translation>Sök</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="246"/>
        <source>How many of {0} come back</source>
        <translation>Hur många {0} lämnas tillbaka</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="83"/>
        <source>Identify the customer first</source>
        <translation>Identifiera kunden först</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="174"/>
        <source>Manager&apos;s approval and refund</source>
        <translation>Chefens godkännande och återbetalning</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="154"/>
        <source>No original sale (a manager approves)</source>
        <translation>Inget ursprungligt köp (en chef godkänner)</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="105"/>
        <source>Paid</source>
        <translation>Betalt</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="171"/>
        <source>Quantity</source>
        <translation>Antal</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="76"/>
        <source>Receipt number</source>
        <translation>Kvittonummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="75"/>
        <source>Receipt number, or scan the slip&apos;s barcode</source>
        <translation>Kvittonummer, eller skanna kvittots streckkod</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="119"/>
        <source>Refund</source>
        <translation>Återbetalning</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="125"/>
        <location filename="../../qt/views/return_dialog.py" line="132"/>
        <source>Refund by</source>
        <translation>Återbetala med</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="142"/>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="69"/>
        <source>Return against a sale</source>
        <translation>Retur mot ett köp</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="127"/>
        <source>Return and refund</source>
        <translation>Returnera och återbetala</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="104"/>
        <source>Returned</source>
        <translation>Returnerat</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="97"/>
        <source>Sales with this number</source>
        <translation>Köp med det här numret</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="290"/>
        <source>Type the unit price the customer paid, such as 199.00</source>
        <translation>Skriv styckpriset kunden betalade, till exempel 199.00</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="172"/>
        <source>Unit price paid</source>
        <translation>Betalt styckpris</translation>
    </message>
    <message>
        <location filename="../../qt/views/return_dialog.py" line="173"/>
        <source>Why no original</source>
        <translation>Varför inget original</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="47"/>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="70"/>
        <source>unchanged</source>
        <translation>oförändrad</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="75"/>
        <source>Engage address</source>
        <translation>Engage-adress</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="76"/>
        <source>API key</source>
        <translation>API-nyckel</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="77"/>
        <source>Store external id</source>
        <translation>Butikens externa id</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="78"/>
        <source>Till id</source>
        <translation>Kassans id</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="79"/>
        <source>Card number patterns</source>
        <translation>Mönster för kortnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="80"/>
        <source>Default country code</source>
        <translation>Landsnummer</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="82"/>
        <location filename="../../qt/views/settings_dialog.py" line="86"/>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="83"/>
        <source>The computer&apos;s</source>
        <translation>Datorns</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="88"/>
        <source>Promotions while Engage is offline</source>
        <translation>Erbjudanden när Engage är offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="89"/>
        <source>Allow up to an amount</source>
        <translation>Tillåt upp till ett belopp</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="89"/>
        <source>Allow</source>
        <translation>Tillåt</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="89"/>
        <source>Do not allow</source>
        <translation>Tillåt inte</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="93"/>
        <source>Promotions while offline</source>
        <translation>Erbjudanden offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="97"/>
        <source>Largest discount while offline</source>
        <translation>Största rabatt offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="98"/>
        <source>Largest discount offline</source>
        <translation>Största rabatt offline</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="99"/>
        <source>File server</source>
        <translation>Filserver</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="103"/>
        <location filename="../../qt/views/settings_dialog.py" line="104"/>
        <source>File server port</source>
        <translation>Filserverns port</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="105"/>
        <source>File server user</source>
        <translation>Filserverns användare</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="106"/>
        <source>Transactions folder</source>
        <translation>Mapp för transaktioner</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="107"/>
        <source>POS inbox folder</source>
        <translation>Inkorg från kassasystemet</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="119"/>
        <location filename="../../qt/views/settings_dialog.py" line="120"/>
        <source>Test connection</source>
        <translation>Testa anslutningen</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="123"/>
        <source>Connection test result</source>
        <translation>Resultat av anslutningstest</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="130"/>
        <source>Settings error</source>
        <translation>Fel i inställningarna</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="60"/>
        <source>IT set this for every till on this computer; ask IT to change it</source>
        <translation>IT har ställt in detta för alla kassor på den här datorn; be IT ändra det</translation>
    </message>
    <message>
        <location filename="../../qt/views/settings_dialog.py" line="58"/>
        <source>{label} (set by IT)</source>
        <translation>{label} (inställt av IT)</translation>
    </message>
</context>
<context>
    <name>TillBridge</name>
    <message>
        <location filename="../../qt/bridge_customer.py" line="36"/>
        <location filename="../../qt/bridge_sale.py" line="31"/>
        <source>Identify the customer first</source>
        <translation>Identifiera kunden först</translation>
    </message>
    <message>
        <location filename="../../qt/bridge.py" line="203"/>
        <source>Engage at {0} answers and accepts the key</source>
        <translation>Engage på {0} svarar och godtar nyckeln</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_sale.py" line="32"/>
        <source>The POS inbox cannot be read: {0}</source>
        <translation>Inkorgen från kassasystemet kan inte läsas: {0}</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_sale.py" line="33"/>
        <source>Basket from the POS ({0}): identify the customer, then finish</source>
        <translation>Korg från kassasystemet ({0}): identifiera kunden och avsluta sedan</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_sale.py" line="34"/>
        <source>The basket is empty</source>
        <translation>Korgen är tom</translation>
    </message>
    <message>
        <location filename="../../qt/bridge_sale.py" line="35"/>
        <source>The sale was NOT saved: {0}</source>
        <translation>Köpet sparades INTE: {0}</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <location filename="../../core/domain/contacts.py" line="128"/>
        <source>&apos;{text}&apos; is not a card number</source>
        <translation>&apos;{text}&apos; är inget kortnummer</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="187"/>
        <source>&apos;{text}&apos; is not a card number this store uses</source>
        <translation>&apos;{text}&apos; är inget kortnummer som butiken använder</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="181"/>
        <source>Several customers share that {kind}: ask which one is here and pick them below (if none of them, ask for the email address or the card)</source>
        <translation>Flera kunder har samma {kind}: fråga vem av dem som är här och välj hen nedan (är det ingen av dem, be om e-postadressen eller kortet)</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="184"/>
        <source>Several customers share that {kind}: ask which one is here and pick them below</source>
        <translation>Flera kunder har samma {kind}: fråga vem av dem som är här och välj hen nedan</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="197"/>
        <source>That customer is no longer in Engage: identify them again</source>
        <translation>Kunden finns inte längre i Engage: identifiera kunden igen</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="124"/>
        <source>Card {card} already belongs to another customer in Engage: give out another card</source>
        <translation>Kort {card} tillhör redan en annan kund i Engage: lämna ut ett annat kort</translation>
    </message>
    <message>
        <location filename="../../core/export/xml_export.py" line="195"/>
        <source>{field} cannot be written in a transactions file: {problem}</source>
        <translation>{field} kan inte skrivas i en transaktionsfil: {problem}</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="48"/>
        <source>is one unit of the sale&apos;s currency in the group&apos;s currency: a number from 0.000001 to 1000000 ({rate} given)</source>
        <translation>är en enhet av köpets valuta i koncernens valuta: ett tal från 0,000001 till 1000000 ({rate} angivet)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="54"/>
        <source>a line&apos;s packQuantity is above 0 ({quantity} given)</source>
        <translation>en rads packQuantity är över 0 ({quantity} angivet)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="164"/>
        <source>a PURCHASE has a quantity above 0 ({quantity} given); a return is type RETURN</source>
        <translation>ett köp (PURCHASE) har ett antal över 0 ({quantity} angivet); en retur är av typen RETURN</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="168"/>
        <source>a PURCHASE&apos;s grossPaidPrice is the positive amount paid ({price} given); a return is type RETURN</source>
        <translation>ett köps grossPaidPrice är det positiva belopp som betalats ({price} angivet); en retur är av typen RETURN</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_additions.py" line="79"/>
        <source>a discount is the negative amount taken off</source>
        <translation>en rabatt är det negativa belopp som dras av</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="176"/>
        <source>a discount is the negative amount taken off ({value} given)</source>
        <translation>en rabatt är det negativa belopp som dras av ({value} angivet)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="162"/>
        <source>a line&apos;s quantity is not 0</source>
        <translation>en rads antal kan inte vara 0</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/sales.py" line="127"/>
        <source>a receipt is a JSON object</source>
        <translation>ett kvitto är ett JSON-objekt</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="217"/>
        <source>a receipt needs at least one line</source>
        <translation>ett kvitto behöver minst en rad</translation>
    </message>
    <message>
        <location filename="../../core/domain/sales.py" line="147"/>
        <source>grossPaidPrice is the positive amount paid; a return is type RETURN</source>
        <translation>grossPaidPrice är det positiva belopp som betalats; en retur är av typen RETURN</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="120"/>
        <source>holds a lone surrogate (a broken character) that cannot be sent</source>
        <translation>innehåller ett ensamt surrogattecken (ett trasigt tecken) som inte kan skickas</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="215"/>
        <source>is not an ISO 8601 time with its offset</source>
        <translation>är ingen ISO 8601-tid med tidszonsförskjutning</translation>
    </message>
    <message>
        <location filename="../../core/till/inbox.py" line="87"/>
        <source>items[{index}]: {problem}</source>
        <translation>items[{index}]: {problem}</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_files.py" line="22"/>
        <source>this till is linked to its POS: write the sale as sales/&lt;posSaleId&gt;.json and its commit as commits/&lt;posSaleId&gt;.json (docs/pos-link.md, Folders)</source>
        <translation>pos-engage är kopplat till kassasystemet: skriv köpet som sales/&lt;posSaleId&gt;.json och dess avslut som commits/&lt;posSaleId&gt;.json (docs/pos-link.md, Folders)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="171"/>
        <source>must be a JSON object</source>
        <translation>måste vara ett JSON-objekt</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="150"/>
        <source>must be a number (a JSON number, not text)</source>
        <translation>måste vara ett tal (ett JSON-tal, inte text)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="157"/>
        <source>is too large a number (at most 10^26)</source>
        <translation>är ett för stort tal (högst 10^26)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="145"/>
        <source>must be a whole number</source>
        <translation>måste vara ett heltal</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="137"/>
        <source>must be one of {members}</source>
        <translation>måste vara något av {members}</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="139"/>
        <source>must be text</source>
        <translation>måste vara text</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="184"/>
        <source>must not be null</source>
        <translation>får inte vara null</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="117"/>
        <source>nested deeper than {depth} levels</source>
        <translation>är nästlat djupare än {depth} nivåer</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_additions.py" line="76"/>
        <source>only a PURCHASE line takes an offer&apos;s discount</source>
        <translation>bara en köprad (PURCHASE) kan få ett erbjudandes rabatt</translation>
    </message>
    <message>
        <location filename="../../core/domain/sales.py" line="143"/>
        <source>quantity must be above 0 (a return is type RETURN)</source>
        <translation>antalet måste vara över 0 (en retur är av typen RETURN)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_additions.py" line="101"/>
        <source>the POS&apos;s receipt names another customer ({theirs}) than the one identified at the companion ({ours})</source>
        <translation>kassasystemets kvitto anger en annan kund ({theirs}) än den som identifierades här ({ours})</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_additions.py" line="72"/>
        <source>the companion discounts a line the POS&apos;s receipt does not have</source>
        <translation>rabatten gäller en rad som kassasystemets kvitto inte har</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="243"/>
        <source>the payments add up to {paid}, the receipt&apos;s total is {total}</source>
        <translation>betalningarna blir sammanlagt {paid}, kvittots summa är {total}</translation>
    </message>
    <message>
        <location filename="../../core/domain/sales.py" line="48"/>
        <source>{field} holds a lone surrogate (a broken character) that cannot be sent</source>
        <translation>{field} innehåller ett ensamt surrogattecken (ett trasigt tecken) som inte kan skickas</translation>
    </message>
    <message>
        <location filename="../../core/export/xml_export.py" line="70"/>
        <source>{field} holds characters an XML file cannot carry (control characters)</source>
        <translation>{field} innehåller tecken som en XML-fil inte kan bära (styrtecken)</translation>
    </message>
    <message>
        <location filename="../../core/export/xml_export.py" line="47"/>
        <source>{field} holds {char}, which an XML file cannot carry (control characters and a few others are not XML 1.0); it stays in the queue for the API</source>
        <translation>{field} innehåller {char}, som en XML-fil inte kan bära (styrtecken och några till finns inte i XML 1.0); posten stannar i kön för API:et</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="33"/>
        <source>{field} is missing</source>
        <translation>{field} saknas</translation>
    </message>
    <message>
        <location filename="../../core/domain/sales.py" line="59"/>
        <source>{field} must be a finite number</source>
        <translation>{field} måste vara ett ändligt tal</translation>
    </message>
    <message>
        <location filename="../../core/domain/sales.py" line="56"/>
        <source>{field} must be a number of articles (a Decimal for weighed goods)</source>
        <translation>{field} måste vara ett antal artiklar (ett Decimal-tal för vägda varor)</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="29"/>
        <location filename="../../core/engage/wire/receipt_checks.py" line="197"/>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_checks.py" line="228"/>
        <source>{stated} is not the sum of the lines ({lines})</source>
        <translation>{stated} är inte summan av raderna ({lines})</translation>
    </message>
    <message>
        <location filename="../../core/engage/wire/receipt_shape.py" line="87"/>
        <source>{value} is not a number</source>
        <translation>{value} är inget tal</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="91"/>
        <source>A key holds a lone surrogate, which is not text</source>
        <translation>En nyckel innehåller ett ensamt surrogattecken, vilket inte är text</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="287"/>
        <source>A sale has at most {limit} lines; this one has {count}</source>
        <translation>Ett köp har högst {limit} rader; detta har {count}</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="296"/>
        <source>&apos;{offer}&apos; was taken off this sale, so the sale&apos;s offers do not apply it again: apply it by itself to have it back</source>
        <translation>&apos;{offer}&apos; togs bort från köpet, så köpets erbjudandelista lägger inte på det igen: lägg på det för sig för att få tillbaka det</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="303"/>
        <source>Offer {offer} was not applied: {reason}</source>
        <translation>Erbjudandet {offer} användes inte: {reason}</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="312"/>
        <source>Identify the customer before applying an offer</source>
        <translation>Identifiera kunden innan ett erbjudande används</translation>
    </message>
    <message>
        <location filename="../../core/till/session_customer.py" line="96"/>
        <source>No customer with that key</source>
        <translation>Ingen kund med den nyckeln</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="81"/>
        <source>No sale {sale} at this till</source>
        <translation>pos-engage har inget köp {sale}</translation>
    </message>
    <message>
        <location filename="../../core/till/session_customer.py" line="93"/>
        <source>Several customers share that key: ask for another (her email or card), or, at a till with its window open, type it there and pick the customer, which makes them this sale&apos;s customer</source>
        <translation>Flera kunder delar den nyckeln: be om en annan (e-postadress eller kort), eller skriv den i pos-engage-fönstret där det är öppet och välj kunden där, så blir hen kund i det här köpet</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="314"/>
        <source>Offer {offer} is not one of this customer&apos;s offers</source>
        <translation>Erbjudandet {offer} hör inte till den här kundens erbjudanden</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="202"/>
        <source>Sale {sale} is committed already</source>
        <translation>Köpet {sale} är redan avslutat</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_session.py" line="176"/>
        <source>The sale is committed: nothing more can be applied</source>
        <translation>Köpet är avslutat: inget mer kan läggas till</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_session.py" line="177"/>
        <source>The sale was voided: nothing can be applied</source>
        <translation>Köpet är makulerat: inget kan läggas till</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="219"/>
        <source>Sale {sale} was committed at this till before: a new sale needs a posSaleId of its own</source>
        <translation>Köpet {sale} har redan avslutats i pos-engage: ett nytt köp behöver ett eget posSaleId</translation>
    </message>
    <message>
        <location filename="../../core/till/receipts.py" line="52"/>
        <source>Another receipt was journaled under uniqueReceiptId {id}: a receipt needs an id of its own</source>
        <translation>Ett annat kvitto är redan journalfört med uniqueReceiptId {id}: ett kvitto behöver ett eget id</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="205"/>
        <source>Sale {sale} was voided</source>
        <translation>Köpet {sale} makulerades</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="76"/>
        <location filename="../../core/till/pos_json.py" line="177"/>
        <source>The JSON is nested deeper than {depth} levels</source>
        <translation>JSON-texten är nästlad djupare än {depth} nivåer</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="61"/>
        <source>{number} is not a number the link takes (at most {digits} digits, within a double&apos;s range)</source>
        <translation>{number} är inte ett tal som kopplingen tar emot (högst {digits} siffror, inom flyttalens (double) omfång)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="204"/>
        <source>{method} {path} is not a route of the POS link (see /v1/openapi.json)</source>
        <translation>{method} {path} är ingen väg i POS-länken (se /v1/openapi.json)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="210"/>
        <source>The till could not do this; nothing was lost. Its log says why</source>
        <translation>pos-engage kunde inte göra detta; inget gick förlorat. Loggen säger varför</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="251"/>
        <source>The till cannot write its journal right now; try again</source>
        <translation>pos-engage kan inte skriva i sin journal just nu; försök igen</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="263"/>
        <source>The POS link answers only requests for this computer&apos;s loopback address (Host 127.0.0.1, localhost or [::1] with the link&apos;s port), not for {host}</source>
        <translation>POS-länken svarar bara på anrop till den här datorns loopback-adress (Host 127.0.0.1, localhost eller [::1] med länkens port), inte till {host}</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="267"/>
        <source>The POS link does not answer web pages (a request with an Origin)</source>
        <translation>POS-länken svarar inte webbsidor (ett anrop med Origin)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="311"/>
        <source>The Idempotency-Key must be 1 to 255 printable ASCII characters, without spaces (a UUID, say)</source>
        <translation>Idempotency-Key ska vara 1 till 255 skrivbara ASCII-tecken, utan mellanslag (till exempel ett UUID)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="52"/>
        <source>A valid bearer token is required</source>
        <translation>En giltig bearer-token krävs</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="201"/>
        <source>{path} does not take {method}; it takes {methods} (see /v1/openapi.json)</source>
        <translation>{path} tar inte emot {method}; den tar emot {methods} (se /v1/openapi.json)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="221"/>
        <source>The body is empty: this request needs a JSON body (see /v1/openapi.json)</source>
        <translation>Innehållet är tomt: anropet behöver ett JSON-innehåll (se /v1/openapi.json)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="275"/>
        <location filename="../../link/app.py" line="282"/>
        <location filename="../../core/till/pos_json.py" line="163"/>
        <source>The body is larger than 1 MiB (1,048,576 bytes)</source>
        <translation>Innehållet är större än 1 MiB (1 048 576 byte)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="306"/>
        <source>This request needs an Idempotency-Key header (a new one per request; the same one when retrying it)</source>
        <translation>Det här anropet behöver ett Idempotency-Key-huvud (ett nytt för varje anrop; samma när det görs om)</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="318"/>
        <source>This Idempotency-Key was used for another request; use a new key for a new request</source>
        <translation>Den här Idempotency-Key användes för ett annat anrop; använd en ny nyckel för ett nytt anrop</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="339"/>
        <source>{name} must be a whole number of 0 or more</source>
        <translation>{name} ska vara ett heltal, 0 eller mer</translation>
    </message>
    <message>
        <location filename="../../link/app.py" line="357"/>
        <source>The body must be {&quot;key&quot;: &quot;...&quot;}</source>
        <translation>Innehållet ska vara {&quot;key&quot;: &quot;...&quot;}</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="182"/>
        <source>The body is not JSON: {problem}</source>
        <translation>Innehållet är inte JSON: {problem}</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_commit_input.py" line="68"/>
        <source>must be a list of 1 to 50 payments (empty only when the total is 0)</source>
        <translation>måste vara en lista med 1 till 50 betalningar (tom bara när totalen är 0)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_commit_input.py" line="94"/>
        <source>The commit cannot be taken</source>
        <translation>Avslutet kan inte tas emot</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_commit_input.py" line="55"/>
        <source>The commit must be a JSON object</source>
        <translation>Avslutet måste vara ett JSON-objekt</translation>
    </message>
    <message>
        <location filename="../../core/till/session_customer.py" line="37"/>
        <source>The customer key cannot be taken</source>
        <translation>Kundnyckeln kan inte tas emot</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="49"/>
        <source>The key &quot;{key}&quot; is given twice in one object</source>
        <translation>Nyckeln &quot;{key}&quot; finns två gånger i samma objekt</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="68"/>
        <source>The line total cannot be negative; a return has a negative quantity</source>
        <translation>Radens summa kan inte vara negativ; en retur har negativt antal</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="336"/>
        <source>The sale cannot be taken</source>
        <translation>Köpet kan inte tas emot</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="94"/>
        <source>Sale {sale} was committed at this till (receipt {receipt}); the till no longer keeps its state</source>
        <translation>Köpet {sale} avslutades i pos-engage (kvitto {receipt}); pos-engage har inte längre kvar dess läge</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_files.py" line="217"/>
        <source>The sale&apos;s file sales/{sale}.json was refused ({reason}): this commit is not taken against the basket before it. Write the sale again, then its commit</source>
        <translation>Köpets fil sales/{sale}.json avvisades ({reason}): det här avslutet tas inte emot mot korgen före den. Skriv köpet igen, sedan dess avslut</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_files.py" line="229"/>
        <location filename="../../core/till/inbox.py" line="156"/>
        <source>the file is larger than 1 MiB (1,048,576 bytes)</source>
        <translation>filen är större än 1 MiB (1 048 576 byte)</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_files.py" line="358"/>
        <source>The till restarted and no longer holds sale {sale}: write sales/{sale}.json again (the customer and the offers are to be given again too)</source>
        <translation>pos-engage har startats om och har inte längre köpet {sale}: skriv sales/{sale}.json igen (kunden och erbjudandena behöver också anges igen)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="322"/>
        <source>add up to more than {limit} (minor units), more than a sale can be</source>
        <translation>blir sammanlagt mer än {limit} (i minsta enhet, öre), mer än ett köp kan vara</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="287"/>
        <location filename="../../core/till/session_ending.py" line="77"/>
        <source>The sale has no lines</source>
        <translation>Köpet har inga rader</translation>
    </message>
    <message>
        <location filename="../../core/till/session_ending.py" line="57"/>
        <source>&apos;{offer}&apos; takes nothing off this sale, so it was not used: it is still the customer&apos;s</source>
        <translation>&apos;{offer}&apos; drar inget av på det här köpet och användes därför inte: kunden har det kvar</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="297"/>
        <location filename="../../core/till/pos_return_input.py" line="91"/>
        <source>The sale must be a JSON object</source>
        <translation>Köpet måste vara ett JSON-objekt</translation>
    </message>
    <message>
        <location filename="../../core/till/session.py" line="239"/>
        <source>The sale&apos;s currency cannot change while offers are applied ({old} to {new}): remove them first</source>
        <translation>Köpets valuta kan inte ändras medan erbjudanden används ({old} till {new}): ta bort dem först</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="172"/>
        <source>The text is not UTF-8 (byte {at})</source>
        <translation>Texten är inte UTF-8 (byte {at})</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="289"/>
        <source>at most {limit}</source>
        <translation>högst {limit}</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="234"/>
        <source>has more than 3 decimals</source>
        <translation>har fler än 3 decimaler</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="90"/>
        <source>must be an integer in minor units (öre, cents) written without a decimal point or an exponent ({whole}, not {written})</source>
        <translation>måste vara ett heltal i minsta enhet (öre, cent) skrivet utan decimalpunkt eller exponent ({whole}, inte {written})</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="222"/>
        <source>must be a JSON number, not text (1, or 0.512 for weighed goods)</source>
        <translation>måste vara ett JSON-tal, inte text (1, eller 0.512 för vägda varor)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="225"/>
        <source>must be a number other than 0 (a fraction for weighed goods)</source>
        <translation>måste vara ett tal skilt från 0 (ett bråktal för vägda varor)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="239"/>
        <source>has the sign of the quantity: negative for a return (money paid back), else zero or more</source>
        <translation>har antalets tecken: negativ för en retur (pengar tillbaka), annars noll eller mer</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="304"/>
        <source>has three decimals; the till sells in currencies with at most two</source>
        <translation>har tre decimaler; pos-engage hanterar valutor med högst två</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="306"/>
        <source>is required: the sale&apos;s whole basket (an empty list before its first article)</source>
        <translation>krävs: köpets hela varukorg (en tom lista före första artikeln)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="329"/>
        <source>must be a list of at most {count} offerIds</source>
        <translation>måste vara en lista med högst {count} offerId</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="333"/>
        <source>must be an offerId (1 to 100 characters)</source>
        <translation>måste vara ett offerId (1 till 100 tecken)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="335"/>
        <source>names an offer already in the list</source>
        <translation>nämner ett erbjudande som redan finns i listan</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_commit_input.py" line="105"/>
        <source>The POS charged {total} (payments {paid}), but the sale&apos;s total to pay is {to_pay}: update the sale or the payments</source>
        <translation>Kassasystemet tog betalt {total} (betalningar {paid}), men köpets summa att betala är {to_pay}: uppdatera köpet eller betalningarna</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="115"/>
        <source>holds a control character</source>
        <translation>innehåller ett styrtecken</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="112"/>
        <location filename="../../core/till/pos_sale_input.py" line="133"/>
        <source>is longer than {limit} characters</source>
        <translation>är längre än {limit} tecken</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_commit_input.py" line="91"/>
        <source>is not a commit field of the POS link nor of Engage&apos;s receipt</source>
        <translation>är inget fält i POS-länkens avslut eller i Engages kvitto</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="156"/>
        <source>is not a field of Engage&apos;s {kind}</source>
        <translation>är inget fält i Engages {kind}</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="299"/>
        <source>is not a field of the sale</source>
        <translation>är inget fält i köpet</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="265"/>
        <source>is not a line field of the POS link nor of Engage&apos;s receipt item</source>
        <translation>är inget radfält i POS-länken eller i Engages kvittorad</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_commit_input.py" line="82"/>
        <source>is not a payment field of the POS link nor of Engage&apos;s</source>
        <translation>är inget betalningsfält i POS-länken eller i Engage</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="209"/>
        <location filename="../../core/till/pos_return_input.py" line="70"/>
        <source>must be 1 to 64 letters, digits or . _ : / -</source>
        <translation>måste vara 1 till 64 bokstäver, siffror eller . _ : / -</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="284"/>
        <location filename="../../core/engage/wire/receipt_shape.py" line="178"/>
        <source>must be a list</source>
        <translation>måste vara en lista</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="148"/>
        <source>must be a list (at most 200 items)</source>
        <translation>måste vara en lista (högst 200)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="249"/>
        <source>must be a list (at most 50)</source>
        <translation>måste vara en lista (högst 50)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="109"/>
        <source>must be a non-empty text</source>
        <translation>måste vara en text som inte är tom</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="122"/>
        <location filename="../../core/engage/wire/receipt_shape.py" line="142"/>
        <source>must be a number</source>
        <translation>måste vara ett tal</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="109"/>
        <location filename="../../core/till/pos_sale_input.py" line="131"/>
        <source>must be a text</source>
        <translation>måste vara en text</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="302"/>
        <location filename="../../core/till/pos_return_input.py" line="115"/>
        <source>must be an ISO 4217 code in capitals, such as SEK or EUR</source>
        <translation>måste vara en ISO 4217-kod med versaler, som SEK eller EUR</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_commit_input.py" line="60"/>
        <source>must be an ISO 8601 time with its offset, such as 2026-11-27T14:05:00+01:00</source>
        <translation>måste vara en ISO 8601-tid med tidsförskjutning, som 2026-11-27T14:05:00+01:00</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="96"/>
        <source>must be an integer in minor units (öre, cents), not {shown}</source>
        <translation>måste vara ett heltal i minsta enhet (öre, cent), inte {shown}</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="152"/>
        <location filename="../../core/till/pos_sale_input.py" line="204"/>
        <location filename="../../core/till/pos_return_input.py" line="62"/>
        <location filename="../../core/till/pos_commit_input.py" line="73"/>
        <source>must be an object</source>
        <translation>måste vara ett objekt</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="254"/>
        <source>must be an object with amount, description and type</source>
        <translation>måste vara ett objekt med amount, description och type</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="245"/>
        <source>must be between 0 and 100</source>
        <translation>måste vara mellan 0 och 100</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="99"/>
        <location filename="../../core/till/pos_sale_input.py" line="228"/>
        <source>must be between {low} and {high}</source>
        <translation>måste vara mellan {low} och {high}</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="144"/>
        <location filename="../../core/till/pos_return_input.py" line="112"/>
        <location filename="../../core/engage/wire/receipt_shape.py" line="152"/>
        <source>must be true or false</source>
        <translation>måste vara true eller false</translation>
    </message>
    <message>
        <location filename="../../link/events.py" line="62"/>
        <location filename="../../core/till/session.py" line="226"/>
        <source>posSaleId must be 1 to 64 letters, digits or . _ -</source>
        <translation>posSaleId måste vara 1 till 64 bokstäver, siffror eller . _ -</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="95"/>
        <source>{field} has {count} items; at most {limit} are taken</source>
        <translation>{field} har {count} poster; högst {limit} tas emot</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="80"/>
        <source>{field} holds a lone surrogate (\ud800-\udfff), which is not text</source>
        <translation>{field} innehåller ett ensamt surrogattecken (\ud800-\udfff), vilket inte är text</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="315"/>
        <location filename="../../core/till/pos_return_input.py" line="125"/>
        <source>{line} is used by another line of this sale</source>
        <translation>{line} används av en annan rad i detta köp</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_sale_input.py" line="83"/>
        <source>{message}: {count} fields are wrong (see errors)</source>
        <translation>{message}: {count} fält är fel (se errors)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_json.py" line="56"/>
        <source>{name} is not a number JSON allows</source>
        <translation>{name} är inget tal som JSON tillåter</translation>
    </message>
    <message>
        <location filename="../../core/pin.py" line="43"/>
        <source>A code is {shortest} to 12 digits</source>
        <translation>En kod har {shortest} till 12 siffror</translation>
    </message>
    <message>
        <location filename="../../core/office/queue.py" line="55"/>
        <source>A manager&apos;s code is needed</source>
        <translation>En chefs kod behövs</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="164"/>
        <source>A person&apos;s name is 1 to 80 characters</source>
        <translation>Ett namn har 1 till 80 tecken</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="166"/>
        <source>A role is manager or cashier</source>
        <translation>En roll är manager (chef) eller cashier (kassör)</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="160"/>
        <source>A staff number is 1 to 20 letters, digits, dots, dashes or underscores</source>
        <translation>Ett personalnummer har 1 till 20 bokstäver, siffror, punkter, bindestreck eller understreck</translation>
    </message>
    <message>
        <location filename="../../core/pin.py" line="56"/>
        <source>A stored code is damaged: IT sets it again</source>
        <translation>En sparad kod är skadad: IT anger den igen</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="378"/>
        <source>Give either --pin-stdin or --it, not both</source>
        <translation>Ange antingen --pin-stdin eller --it, inte båda</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="389"/>
        <source>No code on standard input</source>
        <translation>Ingen kod på standard in</translation>
    </message>
    <message>
        <location filename="../../core/office/single_pin.py" line="21"/>
        <source>No manager PIN is set: IT sets one with &apos;pos-engage configure --manager-pin-stdin&apos; or keeps a staff list (&apos;pos-engage configure --machine --staff-add&apos;)</source>
        <translation>Ingen PIN-kod för chef är satt: IT sätter en med &apos;pos-engage configure --manager-pin-stdin&apos; eller för en personallista (&apos;pos-engage configure --machine --staff-add&apos;)</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="182"/>
        <source>No one has the staff number {id}</source>
        <translation>Ingen har personalnumret {id}</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="97"/>
        <source>Say who you are after --it (a name, at most 80 characters)</source>
        <translation>Säg vem du är efter --it (ett namn, högst 80 tecken)</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="142"/>
        <source>the system refused</source>
        <translation>systemet vägrade</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="143"/>
        <source>it is not text</source>
        <translation>den är inte text</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="144"/>
        <source>The staff list {file} cannot be read ({problem}): IT checks it</source>
        <translation>Personallistan {file} kan inte läsas ({problem}): IT kontrollerar den</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="151"/>
        <source>The staff list {file} is damaged: IT writes it again with &apos;pos-engage configure --machine --staff-add&apos;</source>
        <translation>Personallistan {file} är skadad: IT skriver den igen med &apos;pos-engage configure --machine --staff-add&apos;</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="169"/>
        <source>The staff number {id} is {name}&apos;s ({role}): nothing was changed. To replace {name}, add --replace; for a new person, choose another number</source>
        <translation>Personalnumret {id} är {name}s ({role}): inget ändrades. Lägg till --replace för att ersätta {name}; välj ett annat nummer för en ny person</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="196"/>
        <source>{name} ({id}) is the only manager on the staff list: nothing was changed. With a staff list only its managers approve manager actions (the till&apos;s PIN no longer does), so the store would have none. Add another manager first</source>
        <translation>{name} ({id}) är den enda chefen på personallistan: inget ändrades. Med en personallista godkänner bara dess chefer chefsåtgärder (kassans PIN-kod gör det inte längre), så butiken skulle stå utan. Lägg till en annan chef först</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="262"/>
        <source>IT&apos;s staff list names no manager, so nobody at this till can approve a manager action: IT adds one (&apos;pos-engage configure --machine --staff-add ID --role manager&apos;)</source>
        <translation>IT:s personallista har ingen chef, så ingen vid den här kassan kan godkänna en chefsåtgärd: IT lägger till en (&apos;pos-engage configure --machine --staff-add ID --role manager&apos;)</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="355"/>
        <source>Too many wrong codes: try again in {seconds} s</source>
        <translation>För många fel koder: försök igen om {seconds} s</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="368"/>
        <source>Wrong code: locked for {minutes} minutes</source>
        <translation>Fel kod: låst i {minutes} minuter</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="369"/>
        <source>Wrong code</source>
        <translation>Fel kod</translation>
    </message>
    <message>
        <location filename="../../core/office/single_pin.py" line="58"/>
        <source>This computer has no keyring to keep the manager PIN in, so no PIN can approve a manager action here: IT keeps a staff list instead (&apos;pos-engage configure --machine --staff-add&apos;)</source>
        <translation>Den här datorn har ingen nyckelring att förvara chefens PIN-kod i, så ingen PIN-kod kan godkänna en chefsåtgärd här: IT för en personallista i stället (&apos;pos-engage configure --machine --staff-add&apos;)</translation>
    </message>
    <message>
        <location filename="../../core/office/single_pin.py" line="61"/>
        <source>The manager PIN cannot be read from this computer&apos;s keyring (it may be locked): unlock the desktop session&apos;s keyring, or ask IT</source>
        <translation>Chefens PIN-kod kan inte läsas från datorns nyckelring (den kan vara låst): lås upp skrivbordssessionens nyckelring, eller fråga IT</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="385"/>
        <source>With a staff list, give the manager&apos;s staff number with --by (--pin-stdin reads the code)</source>
        <translation>Med en personallista anges chefens personalnummer med --by (--pin-stdin läser koden)</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="393"/>
        <source>This changes the journal: give a manager&apos;s code with --pin-stdin (and --by with the staff number), or say who you are in IT with --it &quot;Name&quot;</source>
        <translation>Det här ändrar journalen: ange en chefs kod med --pin-stdin (och --by med personalnumret), eller säg vem du är på IT med --it &quot;Namn&quot;</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="277"/>
        <source>Type the staff number and the code</source>
        <translation>Skriv personalnumret och koden</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="287"/>
        <source>{name} is not a manager: a manager&apos;s staff number and code are needed</source>
        <translation>{name} är inte chef: en chefs personalnummer och kod behövs</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="80"/>
        <source>its entries cannot be read ({problem})</source>
        <translation>dess poster kan inte läsas ({problem})</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="82"/>
        <source>{count} entries in it were not delivered</source>
        <translation>{count} poster i den var inte levererade</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="83"/>
        <source>The journal was damaged and set aside as {file}: {held}. IT brings them back with &apos;pos-engage journal recover {file}&apos;.</source>
        <translation>Journalen var skadad och har flyttats undan som {file}: {held}. IT tar tillbaka dem med &apos;pos-engage journal recover {file}&apos;.</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="86"/>
        <source> (the empty file is kept as {file})</source>
        <translation> (den tomma filen finns kvar som {file})</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="91"/>
        <source>The journal {file} is not the file this till last used: it was replaced, or copied or restored from a backup. Restored from an older backup, sales made since are not in it: IT brings them back from the newer file (&apos;pos-engage journal recover &lt;file&gt;&apos;). Copied whole (a new PC), nothing is missing: a manager acknowledges it (&apos;pos-engage journal acknowledge-lost --reason ...&apos;).</source>
        <translation>Journalen {file} är inte filen som kassan senast använde: den har ersatts, eller kopierats eller återställts från en säkerhetskopia. Återställd från en äldre säkerhetskopia saknas köp som gjorts sedan dess: IT hämtar tillbaka dem från den nyare filen (&apos;pos-engage journal recover &lt;fil&gt;&apos;). Kopierad i sin helhet (en ny dator) saknas inget: en chef bekräftar det (&apos;pos-engage journal acknowledge-lost --reason ...&apos;).</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="98"/>
        <source>The journal {file} {what} since it was last used{kept}: sales not yet sent from it are not in the queue. IT restores it from a backup (then &apos;pos-engage journal recover &lt;backup&gt;&apos;), or a manager acknowledges the loss (&apos;pos-engage journal acknowledge-lost --reason ...&apos;).</source>
        <translation>Journalen {file} {what} sedan den senast användes{kept}: köp som ännu inte skickats från den finns inte i kön. IT återställer den från en säkerhetskopia (sedan &apos;pos-engage journal recover &lt;kopia&gt;&apos;), eller så bekräftar en butikschef förlusten (&apos;pos-engage journal acknowledge-lost --reason ...&apos;).</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="105"/>
        <source>vanished</source>
        <translation>har försvunnit</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="105"/>
        <source>was emptied to 0 bytes</source>
        <translation>har tömts till 0 byte</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="106"/>
        <source>was replaced by another file</source>
        <translation>har ersatts av en annan fil</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="161"/>
        <source>{file} is not a journal (not an SQLite file): nothing was changed</source>
        <translation>{file} är ingen journal (ingen SQLite-fil): inget ändrades</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="166"/>
        <source>{file} is not a pos-engage journal (it has no entries): nothing was changed</source>
        <translation>{file} är ingen pos-engage-journal (den har inga poster): inget ändrades</translation>
    </message>
    <message>
        <location filename="../../core/journal/identity.py" line="95"/>
        <source>say why the loss is acknowledged (--reason): it is kept in the audit log</source>
        <translation>ange varför förlusten bekräftas (--reason): det sparas i granskningsloggen</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="135"/>
        <source>{file}: {imported} entries back in the queue (sent after asking Engage first), {duplicates} already there, {settled} already delivered or closed (kept in the file)</source>
        <translation>{file}: {imported} poster tillbaka i kön (skickas efter att Engage först har tillfrågats), {duplicates} fanns redan, {settled} redan levererade eller stängda (finns kvar i filen)</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="140"/>
        <source>{parts}; not readable: {what}</source>
        <translation>{parts}; kunde inte läsas: {what}</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="142"/>
        <source>{parts}; the file is kept as {kept}</source>
        <translation>{parts}; filen finns kvar som {kept}</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="144"/>
        <source>{parts}; nothing could be read from it, so it stays set aside: give it to support</source>
        <translation>{parts}; inget kunde läsas ur den, så den ligger kvar undanlagd: lämna den till supporten</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="155"/>
        <source>no such journal file: {file}</source>
        <translation>journalfilen finns inte: {file}</translation>
    </message>
    <message>
        <location filename="../../core/journal/recovery.py" line="157"/>
        <source>{file} is the journal in use: name a file set aside beside it</source>
        <translation>{file} är journalen som används: ange en fil som flyttats undan bredvid den</translation>
    </message>
    <message>
        <location filename="../../window.py" line="188"/>
        <source>pos-engage: not configured</source>
        <translation>pos-engage: inte konfigurerad</translation>
    </message>
    <message>
        <location filename="../../window.py" line="191"/>
        <source>This till is not configured: it sends nothing anywhere</source>
        <translation>Den här kassan är inte konfigurerad: den skickar ingenting någonstans</translation>
    </message>
    <message>
        <location filename="../../window.py" line="197"/>
        <source>What IT sets</source>
        <translation>Vad IT ställer in</translation>
    </message>
    <message>
        <location filename="../../window.py" line="201"/>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <location filename="../../window.py" line="225"/>
        <source>Unsent sales are outside the queue: tell the manager and IT now.</source>
        <translation>Oskickade köp ligger utanför kön: säg till butikschefen och IT nu.</translation>
    </message>
    <message>
        <location filename="../../window.py" line="229"/>
        <source>The till can sell meanwhile: new sales are kept and sent as usual. This message comes back at every start until it is put right.</source>
        <translation>Kassan kan sälja under tiden: nya köp sparas och skickas som vanligt. Meddelandet visas vid varje start tills det är åtgärdat.</translation>
    </message>
    <message>
        <location filename="../../window.py" line="234"/>
        <source>Unsent sales are outside the queue</source>
        <translation>Oskickade köp ligger utanför kön</translation>
    </message>
    <message>
        <location filename="../../window.py" line="237"/>
        <source>Acknowledge the loss…</source>
        <translation>Bekräfta förlusten…</translation>
    </message>
    <message>
        <location filename="../../window.py" line="260"/>
        <source>Acknowledge the loss</source>
        <translation>Bekräfta förlusten</translation>
    </message>
    <message>
        <location filename="../../window.py" line="261"/>
        <source>Why can the lost journal not be restored?</source>
        <translation>Varför kan den förlorade journalen inte återställas?</translation>
    </message>
    <message>
        <location filename="../../configuration.py" line="62"/>
        <source>not configured: this till has no Engage address, so nothing is sent anywhere</source>
        <translation>inte konfigurerad: kassan har ingen Engage-adress, så ingenting skickas någonstans</translation>
    </message>
    <message>
        <location filename="../../configuration.py" line="63"/>
        <source>IT sets engage.base_url in {file}: &apos;{command}&apos; writes it and stores the API key (scripts may set POS_ENGAGE_BASE_URL instead)</source>
        <translation>IT anger engage.base_url i {file}: &apos;{command}&apos; skriver den och sparar API-nyckeln (skript kan i stället sätta POS_ENGAGE_BASE_URL)</translation>
    </message>
    <message>
        <location filename="../../configuration.py" line="65"/>
        <source>for training, &apos;pos-engage --demo&apos; opens the demo: the embedded simulator, with its own journal</source>
        <translation>för utbildning öppnar &apos;pos-engage --demo&apos; demon: den inbyggda simulatorn, med en egen journal</translation>
    </message>
    <message>
        <location filename="../../configuration.py" line="100"/>
        <source>not configured: this till has no {keys}, so its sales would share receipt ids with every other such till and Engage would keep only one of each; nothing is sent until IT sets them</source>
        <translation>inte konfigurerad: kassan saknar {keys}, så dess köp skulle dela kvitto-id med varje annan sådan kassa och Engage skulle bara behålla ett av varje; inget skickas förrän IT har angett dem</translation>
    </message>
    <message>
        <location filename="../../configuration.py" line="103"/>
        <source>IT sets them in {file}: &apos;{command}&apos; (the store id as Engage knows the store, the till id unique in the store)</source>
        <translation>IT anger dem i {file}: &apos;{command}&apos; (butikens id som Engage känner butiken, kassans id unikt i butiken)</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="243"/>
        <source>&apos;{name}&apos; has no usable amount</source>
        <translation>&apos;{name}&apos; har inget användbart belopp</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="230"/>
        <source>&apos;{name}&apos; has no usable percentage ({value})</source>
        <translation>&apos;{name}&apos; har ingen användbar procentsats ({value})</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="256"/>
        <source>&apos;{name}&apos; is worth {currency}, and this sale is in {sale}: it cannot be used here</source>
        <translation>&apos;{name}&apos; gäller i {currency} och det här köpet är i {sale}: det kan inte användas här</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="28"/>
        <source>partner offers (external codes)</source>
        <translation>partnererbjudanden (externa koder)</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="29"/>
        <source>manual offers (given by hand)</source>
        <translation>manuella erbjudanden (ges för hand)</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="30"/>
        <source>swipe offers</source>
        <translation>swipe-erbjudanden</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="31"/>
        <source>percent promotions</source>
        <translation>procenterbjudanden</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="32"/>
        <source>amount-off promotions</source>
        <translation>beloppserbjudanden</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="65"/>
        <source>Engage is offline, and the setting till.offline_redemption is &apos;{value}&apos;, which this till does not know (allow, deny or allow_up_to): offers are refused until it is corrected</source>
        <translation>Engage är offline och inställningen till.offline_redemption är &apos;{value}&apos;, som kassan inte känner till (allow, deny eller allow_up_to): erbjudanden nekas tills den är rättad</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="69"/>
        <source>Engage is offline, and this store uses no offers until Engage answers again</source>
        <translation>Engage är offline, och butiken använder inga erbjudanden förrän Engage svarar igen</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="74"/>
        <source>Engage is offline, and this store never uses {kind} offline</source>
        <translation>Engage är offline, och butiken använder aldrig {kind} offline</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="80"/>
        <source>Engage is offline, and this store then takes at most {limit} % off with a promotion</source>
        <translation>Engage är offline, och butiken drar då av högst {limit} % med ett erbjudande</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="85"/>
        <source>Engage is offline, and this store then takes vouchers worth at most {limit}</source>
        <translation>Engage är offline, och butiken tar då emot värdecheckar på högst {limit}</translation>
    </message>
    <message>
        <location filename="../../core/till/offer_rules.py" line="88"/>
        <source>Engage is offline, and this store then takes at most {limit} off a sale</source>
        <translation>Engage är offline, och butiken drar då av högst {limit} på ett köp</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_commit.py" line="70"/>
        <source>A sale in {currency} on a till in {till} needs exchangeRateToGroupCurrency: one {currency} in {group}</source>
        <translation>Ett köp i {currency} i en kassa i {till} behöver exchangeRateToGroupCurrency: en {currency} i {group}</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_commit.py" line="212"/>
        <source>Engage refused an offer: used elsewhere. Remove it from the sale, or keep it (the manager is told)</source>
        <translation>Engage nekade ett erbjudande: redan använt på annat håll. Ta bort det från köpet eller behåll det (chefen får veta)</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_commit.py" line="214"/>
        <source>Engage refused {count} offers: used elsewhere. Remove them from the sale, or keep them (the manager is told)</source>
        <translation>Engage nekade {count} erbjudanden: redan använda på annat håll. Ta bort dem från köpet eller behåll dem (chefen får veta)</translation>
    </message>
    <message>
        <location filename="../../core/journal/redemptions.py" line="63"/>
        <source>Engage refused {offer} for sale {sale} ({reason}): it was used by another sale, not this one, while sale {sale} gave its discount</source>
        <translation>Engage nekade {offer} för köp {sale} ({reason}): det användes av ett annat köp, inte det här, medan köp {sale} gav rabatten</translation>
    </message>
    <message>
        <location filename="../../core/journal/redemptions.py" line="126"/>
        <source>Engage shows {offer} redeemed at {when}, outside this till&apos;s attempts for sale {sale} (from {start} to {until}): another sale used it, and sale {sale} gave its discount too</source>
        <translation>Engage visar {offer} som inlöst {when}, utanför kassans försök för köp {sale} (från {start} till {until}): ett annat köp använde det, och köp {sale} gav också rabatten</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_commit.py" line="300"/>
        <source>Sale saved with the offers Engage refused: the manager sees the conflict</source>
        <translation>Köpet sparat med erbjudandena som Engage nekade: chefen ser konflikten</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_commit.py" line="169"/>
        <source>Sale without a customer: counted, not sent to Engage (no catch-all contact is configured)</source>
        <translation>Köp utan kund: räknat, inte skickat till Engage (ingen samlingskontakt är inställd)</translation>
    </message>
    <message>
        <location filename="../../core/journal/offer_ledger.py" line="350"/>
        <source>The receipt has already been sent: the offer cannot be removed from it any more</source>
        <translation>Kvittot är redan skickat: erbjudandet kan inte längre tas bort från det</translation>
    </message>
    <message>
        <location filename="../../core/till/sale_commit.py" line="290"/>
        <source>The refused offers were removed: the total is now {total}</source>
        <translation>De nekade erbjudandena togs bort: summan är nu {total}</translation>
    </message>
    <message>
        <location filename="../../core/journal/offer_ledger.py" line="118"/>
        <source>This offer cannot be used again: Engage refused it for sale {sale} (used elsewhere)</source>
        <translation>Erbjudandet kan inte användas igen: Engage nekade det för köp {sale} (använt på annat håll)</translation>
    </message>
    <message>
        <location filename="../../core/journal/offer_ledger.py" line="121"/>
        <source>This offer is in another open sale at this till ({sale}): finish or void that sale first</source>
        <translation>Erbjudandet finns i ett annat öppet köp i den här kassan ({sale}): avsluta eller makulera det köpet först</translation>
    </message>
    <message>
        <location filename="../../core/journal/offer_ledger.py" line="123"/>
        <source>This offer was already used in sale {sale} at this till</source>
        <translation>Erbjudandet är redan använt i köp {sale} i den här kassan</translation>
    </message>
    <message>
        <location filename="../../core/journal/redemptions.py" line="100"/>
        <source>This redemption may have reached Engage, and the contact it belongs to is not known yet to check: look the offer up in Engage, then resolve or retry</source>
        <translation>Inlösen kan ha nått Engage, och kontakten den hör till är ännu inte känd för en kontroll: slå upp erbjudandet i Engage och avsluta eller försök igen</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="240"/>
        <source>This store allows no percent promotions on a line</source>
        <translation>Den här butiken tillåter inga procenterbjudanden på en rad</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="251"/>
        <source>Voucher {number} has no value</source>
        <translation>Värdecheck {number} har inget värde</translation>
    </message>
    <message>
        <location filename="../../core/journal/redemptions.py" line="129"/>
        <source>an unknown time</source>
        <translation>en okänd tid</translation>
    </message>
    <message>
        <location filename="../../core/journal/redemptions.py" line="48"/>
        <source>promotion {id}</source>
        <translation>erbjudande {id}</translation>
    </message>
    <message>
        <location filename="../../core/journal/redemptions.py" line="49"/>
        <source>voucher {id}</source>
        <translation>värdecheck {id}</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="120"/>
        <source>Something between this till and Engage answers instead of Engage ({cause}): check the Engage address, and whether this network needs a login or goes through a proxy</source>
        <translation>Något mellan den här kassan och Engage svarar i stället för Engage ({cause}): kontrollera Engage-adressen och om nätverket kräver inloggning eller går via en proxy</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="144"/>
        <source>a redirect ({status}) to {target}</source>
        <translation>en omdirigering ({status}) till {target}</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="146"/>
        <source>a redirect ({status}) that names no address</source>
        <translation>en omdirigering ({status}) som inte anger någon adress</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="51"/>
        <location filename="../../core/engage/responses.py" line="148"/>
        <source>a web page, status {status}</source>
        <translation>en webbsida, status {status}</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="153"/>
        <source>status {status}, which Engage does not answer to this call</source>
        <translation>status {status}, som Engage inte svarar på det här anropet</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="151"/>
        <source>an empty answer (status {status}) where Engage sends data</source>
        <translation>ett tomt svar (status {status}) där Engage skickar data</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="160"/>
        <source>an answer that is not JSON (status {status})</source>
        <translation>ett svar som inte är JSON (status {status})</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="163"/>
        <source>JSON of another shape than Engage&apos;s answer (status {status})</source>
        <translation>JSON med en annan form än Engages svar (status {status})</translation>
    </message>
    <message>
        <location filename="../../core/till/outcomes.py" line="146"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location filename="../../core/till/outcomes.py" line="146"/>
        <source>no</source>
        <translation>nej</translation>
    </message>
    <message>
        <location filename="../../core/journal/registrations.py" line="83"/>
        <source>Several customers in Engage share {value}: nothing was registered, so no further duplicate was made. Identify the customer by card or another key instead</source>
        <translation>Flera kunder i Engage har {value}: inget registrerades, så ingen ytterligare dubblett skapades. Identifiera kunden med kort eller en annan nyckel i stället</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="151"/>
        <source>{name} is already in Engage as a newsletter subscriber, not a member. Upgrade to member and save the details entered?</source>
        <translation>{name} finns redan i Engage som nyhetsbrevsprenumerant, inte som medlem. Uppgradera till medlem och spara de angivna uppgifterna?</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="154"/>
        <source>{name} was registered at another till a moment ago. Save the details entered here that differ?</source>
        <translation>{name} registrerades i en annan kassa för en stund sedan. Spara de uppgifter som angetts här och som skiljer sig?</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="157"/>
        <source>{name} is already a member. Save the details entered that differ from Engage&apos;s?</source>
        <translation>{name} är redan medlem. Spara de angivna uppgifter som skiljer sig från Engages?</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="169"/>
        <source>Kept as Engage has it: nothing was changed</source>
        <translation>Behölls som i Engage: inget ändrades</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="190"/>
        <source>Engage refused the change: {problem}</source>
        <translation>Engage avvisade ändringen: {problem}</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="195"/>
        <source>Now a member, and the details are saved</source>
        <translation>Nu medlem, och uppgifterna är sparade</translation>
    </message>
    <message>
        <location filename="../../core/till/order_forms.py" line="46"/>
        <source>An order needs the customer&apos;s email or mobile number</source>
        <translation>En order behöver kundens e-postadress eller mobilnummer</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="102"/>
        <source>No customer with that {kind}</source>
        <translation>Ingen kund hittades ({kind})</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="149"/>
        <source>Engage answers again: the customer is found, with the offers Engage holds for them</source>
        <translation>Engage svarar igen: kunden har hittats, med de erbjudanden Engage har för kunden</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="178"/>
        <source>Several customers share that {kind}: ask for the email address or the card instead</source>
        <translation>Flera kunder har samma {kind}: be om e-postadressen eller kortet i stället</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="229"/>
        <source>Engage refused this till ({problem}): the customer is attached by {kind} and will be matched later</source>
        <translation>Engage nekade den här kassan ({problem}): kunden kopplas via {kind} och matchas senare</translation>
    </message>
    <message>
        <location filename="../../core/till/identification.py" line="232"/>
        <source>Engage is not answering: the customer is attached by {kind} and will be matched later</source>
        <translation>Engage svarar inte: kunden kopplas via {kind} och matchas senare</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="136"/>
        <source>Engage is not answering: the registration is saved and will be sent</source>
        <translation>Engage svarar inte: registreringen är sparad och skickas senare</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="147"/>
        <source>This customer was already registered</source>
        <translation>Kunden var redan registrerad</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="219"/>
        <source>The customer is not identified in Engage yet: try again when online</source>
        <translation>Kunden är inte identifierad i Engage än: försök igen när Engage svarar</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="212"/>
        <location filename="../../core/till/registration.py" line="237"/>
        <source>Saved; Engage gets the change when it answers</source>
        <translation>Sparat; Engage får ändringen när den svarar</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="196"/>
        <location filename="../../core/till/registration.py" line="239"/>
        <source>Details saved</source>
        <translation>Uppgifterna är sparade</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="244"/>
        <source>Already a member</source>
        <translation>Redan medlem</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="250"/>
        <source>Saved; the upgrade is sent when Engage answers</source>
        <translation>Sparat; uppgraderingen skickas när Engage svarar</translation>
    </message>
    <message>
        <location filename="../../core/till/registration.py" line="253"/>
        <source>Now a member</source>
        <translation>Nu medlem</translation>
    </message>
    <message>
        <location filename="../../core/till/inbox.py" line="173"/>
        <source>{file} from the POS was set aside: {problem} (see {folder})</source>
        <translation>{file} från kassasystemet lades åt sidan: {problem} (se {folder})</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="62"/>
        <source>The quantity must be a whole number other than 0 (negative for a return)</source>
        <translation>Antalet ska vara ett heltal skilt från 0 (negativt för en retur)</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="65"/>
        <source>The unit price cannot be negative; a return has a negative quantity</source>
        <translation>Styckpriset kan inte vara negativt; en retur har negativt antal</translation>
    </message>
    <message>
        <location filename="../../core/till/basket_payments.py" line="68"/>
        <source>Nothing remains to be paid</source>
        <translation>Inget återstår att betala</translation>
    </message>
    <message>
        <location filename="../../core/till/basket_payments.py" line="72"/>
        <source>The amount must be above zero</source>
        <translation>Beloppet måste vara större än noll</translation>
    </message>
    <message>
        <location filename="../../core/till/basket_payments.py" line="83"/>
        <source>Cash must be whole coins: {given} cannot be paid in cash; type {lower} or {higher}</source>
        <translation>Kontanter betalas med de mynt som finns: {given} kan inte lämnas; skriv {lower} eller {higher}</translation>
    </message>
    <message>
        <location filename="../../core/till/basket_payments.py" line="88"/>
        <source>Only {remaining} remains; {method} cannot pay more than that</source>
        <translation>Bara {remaining} återstår; {method} kan inte betala mer än så</translation>
    </message>
    <message>
        <location filename="../../core/till/basket_payments.py" line="108"/>
        <source>The payments ({paid}) are more than the total ({total}): clear the payments and take them again</source>
        <translation>Betalningarna ({paid}) är mer än summan ({total}): rensa betalningarna och ta dem igen</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="224"/>
        <source>&apos;{name}&apos; cannot be used in a store</source>
        <translation>&apos;{name}&apos; kan inte användas i butik</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="226"/>
        <location filename="../../core/till/session_customer.py" line="59"/>
        <source>&apos;{name}&apos; is already applied</source>
        <translation>&apos;{name}&apos; är redan tillagt</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="233"/>
        <source>One percent promotion per line: &apos;{other}&apos; is already applied; remove it to use &apos;{name}&apos;</source>
        <translation>Ett procenterbjudande per rad: &apos;{other}&apos; används redan; ta bort det för att använda &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="236"/>
        <source>At most {count} percent promotions per line: &apos;{other}&apos; is already applied; remove it to use &apos;{name}&apos;</source>
        <translation>Högst {count} procenterbjudanden per rad: &apos;{other}&apos; används redan; ta bort det för att använda &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../core/till/basket.py" line="249"/>
        <location filename="../../core/till/session_customer.py" line="61"/>
        <source>Voucher {number} is already applied</source>
        <translation>Värdecheck {number} är redan tillagd</translation>
    </message>
    <message>
        <location filename="../../core/till/partly_used.py" line="39"/>
        <source>&apos;{offer}&apos; is worth {worth}; this sale takes {used} off it and the rest, {left}, is lost when the sale is committed. Take it off to keep it for a larger purchase</source>
        <translation>&apos;{offer}&apos; är värt {worth}; det här köpet drar {used} av det och resten, {left}, går förlorad när köpet slutförs. Ta bort det för att spara det till ett större köp</translation>
    </message>
    <message>
        <location filename="../../core/till/till_sale.py" line="249"/>
        <location filename="../../core/till/basket.py" line="335"/>
        <source>The basket is empty</source>
        <translation>Korgen är tom</translation>
    </message>
    <message>
        <location filename="../../core/till/till_sale.py" line="142"/>
        <source>A weighed line&apos;s quantity is the scale&apos;s</source>
        <translation>En vägd rads antal är vågens</translation>
    </message>
    <message>
        <location filename="../../core/till/till_sale.py" line="101"/>
        <source>That sale is not one of this till&apos;s</source>
        <translation>Det köpet är inte den här kassans</translation>
    </message>
    <message>
        <location filename="../../core/till/till_sale.py" line="118"/>
        <location filename="../../core/till/till_sale.py" line="186"/>
        <location filename="../../core/till/till_sale.py" line="245"/>
        <source>The sale is being committed: wait for it</source>
        <translation>Köpet sparas just nu: vänta på det</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="48"/>
        <source>card</source>
        <translation>kort</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="48"/>
        <source>email</source>
        <translation>e-post</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="49"/>
        <source>mobile</source>
        <translation>mobilnummer</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="49"/>
        <source>personal number</source>
        <translation>personnummer</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="104"/>
        <location filename="../../core/till/scan.py" line="178"/>
        <source>Nothing was scanned or typed</source>
        <translation>Inget skannades eller skrevs</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="113"/>
        <source>&apos;{text}&apos; is not a loyalty card this store knows: scan again or type the number</source>
        <translation>&apos;{text}&apos; är inget kundkort som butiken känner till: skanna igen eller skriv numret</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="117"/>
        <location filename="../../core/domain/checks.py" line="94"/>
        <source>&apos;{text}&apos; is not a valid email address</source>
        <translation>&apos;{text}&apos; är ingen giltig e-postadress</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="129"/>
        <source>&apos;{text}&apos; is not a card number this store uses; a mobile number starts with + or 0</source>
        <translation>&apos;{text}&apos; är inget kortnummer som butiken använder; ett mobilnummer börjar med + eller 0</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="131"/>
        <source>&apos;{text}&apos; is not a card number, an email address or a mobile number</source>
        <translation>&apos;{text}&apos; är varken ett kortnummer, en e-postadress eller ett mobilnummer</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="227"/>
        <source>&apos;{text}&apos;: this is a product barcode, not a loyalty card</source>
        <translation>&apos;{text}&apos;: det här är en streckkod för en vara, inte ett kundkort</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="224"/>
        <source>The check digit of card number &apos;{text}&apos; is wrong: scan the card again or type the number</source>
        <translation>Kontrollsiffran i kortnumret &apos;{text}&apos; är fel: skanna kortet igen eller skriv numret</translation>
    </message>
    <message>
        <location filename="../../core/domain/personal_numbers.py" line="103"/>
        <source>This is not a personnummer: write it as YYYYMMDD-NNNN or YYMMDD-NNNN</source>
        <translation>Det här är inget personnummer: skriv det som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN</translation>
    </message>
    <message>
        <location filename="../../core/domain/personal_numbers.py" line="112"/>
        <source>The personnummer&apos;s date is impossible: check the number</source>
        <translation>Personnumrets datum är omöjligt: kontrollera numret</translation>
    </message>
    <message>
        <location filename="../../core/domain/personal_numbers.py" line="114"/>
        <source>The personnummer&apos;s check digit is wrong: check the number</source>
        <translation>Personnumrets kontrollsiffra är fel: kontrollera numret</translation>
    </message>
    <message>
        <location filename="../../core/domain/personal_numbers.py" line="141"/>
        <source>The henkilötunnus&apos;s date is impossible: check the number</source>
        <translation>Datumet i den finska personbeteckningen (henkilötunnus) är omöjligt: kontrollera numret</translation>
    </message>
    <message>
        <location filename="../../core/domain/personal_numbers.py" line="144"/>
        <source>The henkilötunnus&apos;s check character is wrong: check the number</source>
        <translation>Kontrolltecknet i den finska personbeteckningen (henkilötunnus) är fel: kontrollera numret</translation>
    </message>
    <message>
        <location filename="../../core/till/orders.py" line="147"/>
        <source>The basket is empty: add what the customer orders</source>
        <translation>Korgen är tom: lägg till det kunden beställer</translation>
    </message>
    <message>
        <location filename="../../core/till/orders.py" line="149"/>
        <source>An order is for articles to deliver: returns belong to a sale or to an order&apos;s Return lines</source>
        <translation>En order gäller varor som ska levereras: returer hör till ett köp eller till orderns Returnera-rader</translation>
    </message>
    <message>
        <location filename="../../core/till/orders.py" line="190"/>
        <source>Promotions and vouchers need the customer identified in Engage: remove them, or identify the customer, before making the order</source>
        <translation>Erbjudanden och värdechecker kräver att kunden är identifierad i Engage: ta bort dem, eller identifiera kunden, innan ordern skapas</translation>
    </message>
    <message>
        <location filename="../../core/till/orders.py" line="223"/>
        <source>This till does not know order {order}</source>
        <translation>Den här kassan känner inte till order {order}</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="38"/>
        <source>Created</source>
        <translation>Skapad</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="38"/>
        <source>In progress</source>
        <translation>Behandlas</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="39"/>
        <source>Ready for pickup</source>
        <translation>Klar att hämta</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="39"/>
        <source>Shipped</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="40"/>
        <source>Delivered</source>
        <translation>Levererad</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="40"/>
        <source>Cancelled</source>
        <translation>Avbruten</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="41"/>
        <source>Partly returned</source>
        <translation>Delvis returnerad</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="41"/>
        <source>Returned</source>
        <translation>Returnerad</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="71"/>
        <source>An ordered quantity is a whole number above 0 (returns come later)</source>
        <translation>Ett beställt antal är ett heltal större än 0 (returer kommer senare)</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="75"/>
        <source>The unit price cannot be negative</source>
        <translation>Styckpriset kan inte vara negativt</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="78"/>
        <source>{sku}: the quantity returned must be between 0 and {quantity}</source>
        <translation>{sku}: returnerat antal måste vara mellan 0 och {quantity}</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="111"/>
        <source>An order needs at least one line</source>
        <translation>En order behöver minst en rad</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="133"/>
        <source>Order {order} is {stage}; it can become: {allowed}</source>
        <translation>Order {order} är {stage}; den kan bli: {allowed}</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="135"/>
        <source>Order {order} is {stage}: it is closed</source>
        <translation>Order {order} är {stage}: den är avslutad</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="142"/>
        <source>Order {order} is {stage}: only a delivered order takes returns</source>
        <translation>Order {order} är {stage}: bara en levererad order kan ta emot returer</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="146"/>
        <source>Choose at least one line and quantity to return</source>
        <translation>Välj minst en rad och ett antal att returnera</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="151"/>
        <source>{article}: at most {quantity} can be returned</source>
        <translation>{article}: högst {quantity} kan returneras</translation>
    </message>
    <message>
        <location filename="../../core/domain/order_life.py" line="155"/>
        <source>Not on this order: {articles}</source>
        <translation>Finns inte på ordern: {articles}</translation>
    </message>
    <message>
        <location filename="../../core/domain/contacts.py" line="169"/>
        <source>An email address or a mobile number is needed to register</source>
        <translation>En e-postadress eller ett mobilnummer behövs för att registrera</translation>
    </message>
    <message>
        <location filename="../../core/domain/contacts.py" line="210"/>
        <source>Nothing to update: no field changed</source>
        <translation>Inget att uppdatera: inget fält ändrades</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="49"/>
        <source>{field} is missing or not a number</source>
        <translation>{field} saknas eller är inget tal</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="53"/>
        <source>{field} is not a number: {text}</source>
        <translation>{field} är inget tal: {text}</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="56"/>
        <source>{field} must be a finite amount</source>
        <translation>{field} måste vara ett ändligt belopp</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="72"/>
        <source>{field} must be text</source>
        <translation>{field} måste vara text</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="75"/>
        <source>{field} is empty</source>
        <translation>{field} är tomt</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="77"/>
        <source>{field} is longer than {limit} characters</source>
        <translation>{field} är längre än {limit} tecken</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="86"/>
        <source>{field} contains control characters</source>
        <translation>{field} innehåller styrtecken</translation>
    </message>
    <message>
        <location filename="../../core/domain/checks.py" line="112"/>
        <source>&apos;{text}&apos; is not a valid mobile number (expected a number like +46 70 123 45 67)</source>
        <translation>&apos;{text}&apos; är inget giltigt mobilnummer (till exempel +46 70 123 45 67)</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="354"/>
        <source>Too many wrong PINs: try again in {seconds} s</source>
        <translation>För många fel PIN-koder: försök igen om {seconds} s</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="366"/>
        <source>Wrong PIN</source>
        <translation>Fel PIN-kod</translation>
    </message>
    <message>
        <location filename="../../core/office/people.py" line="365"/>
        <source>Wrong PIN: locked for {minutes} minutes</source>
        <translation>Fel PIN-kod: låst i {minutes} minuter</translation>
    </message>
    <message>
        <location filename="../../core/journal/lease.py" line="324"/>
        <source>another pos-engage (pid {pid} on {host}, since {since}) is delivering this journal; nothing sent twice</source>
        <translation>en annan pos-engage (pid {pid} på {host}, sedan {since}) levererar den här journalen; inget skickas två gånger</translation>
    </message>
    <message>
        <location filename="../../core/journal/lease.py" line="326"/>
        <source>another pos-engage (pid {pid}, since {since}) is delivering this journal; nothing sent twice</source>
        <translation>en annan pos-engage (pid {pid}, sedan {since}) levererar den här journalen; inget skickas två gånger</translation>
    </message>
    <message>
        <location filename="../../core/journal/lease.py" line="321"/>
        <source>another pos-engage took over delivering this journal; nothing sent twice</source>
        <translation>en annan pos-engage har tagit över leveransen av den här journalen; inget skickas två gånger</translation>
    </message>
    <message>
        <location filename="../../core/journal/lease.py" line="336"/>
        <source>took over from pos-engage pid {pid}, which stopped: {count} entries it had in flight are checked with Engage before they are sent again</source>
        <translation>tog över från pos-engage pid {pid}, som stannade: {count} poster som var på väg kontrolleras mot Engage innan de skickas igen</translation>
    </message>
    <message>
        <location filename="../../core/journal/lease.py" line="334"/>
        <source>{count} entries were in flight when delivery last stopped: each is checked with Engage before it is sent again</source>
        <translation>{count} poster var på väg när leveransen senast stannade: var och en kontrolleras mot Engage innan den skickas igen</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="35"/>
        <source>its last attempt may have reached Engage: it goes by file only once Engage has been asked whether it took effect (export again when Engage answers)</source>
        <translation>det senaste försöket kan ha nått Engage: posten går som fil först när Engage har tillfrågats om den gick igenom (exportera igen när Engage svarar)</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="55"/>
        <source>{exported} exported in {files}; {stay} left in the queue</source>
        <translation>{exported} exporterades i {files}; {stay} ligger kvar i kön</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="57"/>
        <source>{exported} exported in {files}</source>
        <translation>{exported} exporterades i {files}</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="65"/>
        <source>1 entry</source>
        <translation>1 post</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="65"/>
        <source>{count} entries</source>
        <translation>{count} poster</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="69"/>
        <source>1 file</source>
        <translation>1 fil</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="69"/>
        <source>{count} files</source>
        <translation>{count} filer</translation>
    </message>
    <message>
        <location filename="../../core/export/ask_first.py" line="91"/>
        <source>its last attempt may have reached Engage, and asking Engage failed ({problem}): it stays in the queue</source>
        <translation>det senaste försöket kan ha nått Engage, och frågan till Engage misslyckades ({problem}): posten stannar i kön</translation>
    </message>
    <message>
        <location filename="../../core/export/ask_first.py" line="59"/>
        <source>Engage cannot be asked from here</source>
        <translation>Engage kan inte tillfrågas härifrån</translation>
    </message>
    <message>
        <location filename="../../core/export/ask_first.py" line="60"/>
        <location filename="../../core/export/ask_first.py" line="83"/>
        <location filename="../../core/export/ask_first.py" line="106"/>
        <source>{reason} ({why})</source>
        <translation>{reason} ({why})</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="136"/>
        <source>waits for entry {entry}: {why}</source>
        <translation>väntar på post {entry}: {why}</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="130"/>
        <source>waits for its sale&apos;s redemption (entry {entry}): {why}</source>
        <translation>väntar på köpets inlösen (post {entry}): {why}</translation>
    </message>
    <message>
        <location filename="../../core/journal/replayer.py" line="87"/>
        <source>Engage is not answering, so nothing was sent now. Nothing is lost: the queue is sent by itself once Engage answers (Engage offline)</source>
        <translation>Engage svarar inte, så inget skickades nu. Inget går förlorat: kön skickas av sig själv när Engage svarar (Engage offline)</translation>
    </message>
    <message>
        <location filename="../../core/journal/replayer.py" line="89"/>
        <source>{delivered} delivered, {retrying} to retry, {attention} need attention, {conflicts} conflicts. Engage is not answering: nothing is lost, the rest is sent by itself once it answers (Engage offline)</source>
        <translation>{delivered} levererade, {retrying} att försöka igen, {attention} behöver åtgärd, {conflicts} konflikter. Engage svarar inte: inget går förlorat, resten skickas av sig själv när Engage svarar (Engage offline)</translation>
    </message>
    <message>
        <location filename="../../core/journal/replayer.py" line="92"/>
        <source>{delivered} delivered, {retrying} to retry, {attention} need attention, {conflicts} conflicts</source>
        <translation>{delivered} levererade, {retrying} att försöka igen, {attention} behöver åtgärd, {conflicts} konflikter</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="44"/>
        <source>Walk-in customer</source>
        <translation>Kund utan kundkort</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="45"/>
        <source>no customer</source>
        <translation>ingen kund</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="68"/>
        <source>order {order}</source>
        <translation>order {order}</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="30"/>
        <location filename="../../core/office/entry_wording.py" line="91"/>
        <source>the email address</source>
        <translation>e-postadressen</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="30"/>
        <location filename="../../core/office/entry_wording.py" line="91"/>
        <location filename="../../core/office/entry_wording.py" line="92"/>
        <source>the mobile number</source>
        <translation>mobilnumret</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="84"/>
        <source>retry from the queue view</source>
        <translation>nytt försök från kön</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="86"/>
        <source>after correction</source>
        <translation>efter rättning</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="89"/>
        <source>corrected {fields}</source>
        <translation>rättade {fields}</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="91"/>
        <source>personal data shown in the queue view</source>
        <translation>personuppgifter visade i kön</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="93"/>
        <source>personal data shown to correct the registration</source>
        <translation>personuppgifter visade för att rätta registreringen</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="95"/>
        <source>personal data shown by journal show</source>
        <translation>personuppgifter visade med journal show</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="97"/>
        <source>exported from the queue view</source>
        <translation>exporterad från kön</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="99"/>
        <source>entry {entry} exported from the queue view</source>
        <translation>post {entry} exporterad från kön</translation>
    </message>
    <message>
        <location filename="../../core/office/audit_reasons.py" line="101"/>
        <source>Engage refused the offer (used elsewhere); the cashier removed it from sale {sale} before the receipt was final</source>
        <translation>Engage avvisade erbjudandet (använt på annat håll); kassören tog bort det från köp {sale} innan kvittot var slutgiltigt</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="92"/>
        <location filename="../../core/office/entry_wording.py" line="93"/>
        <source>the first name</source>
        <translation>förnamnet</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="93"/>
        <source>the total</source>
        <translation>summan</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="149"/>
        <source>This entry cannot be read, so it cannot be sent. Call IT; once they have looked at it, resolve it.</source>
        <translation>Posten går inte att läsa och kan därför inte skickas. Ring IT; avsluta den när de har tittat på den.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="152"/>
        <source>Engage could not process this order change. Correct the order and retry, or resolve it.</source>
        <translation>Engage kunde inte behandla ändringen av ordern. Rätta ordern och försök igen, eller avsluta den.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="154"/>
        <source>Engage stored the order but not its message: the customer got no email. Fix the order&apos;s contact, then retry.</source>
        <translation>Engage sparade ordern men inte meddelandet: kunden fick inget mejl. Rätta orderns kontakt och försök sedan igen.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="170"/>
        <source>The customer&apos;s registration (entry {entry}) was not sent by the API: correct and retry that registration, or resolve this entry.</source>
        <translation>Kundens registrering (post {entry}) skickades inte via API:t: rätta den och försök igen, eller avsluta den här posten.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="175"/>
        <source>This is the message for an order change (entry {entry}) that Engage has not confirmed: retry or resolve that change first.</source>
        <translation>Det här är meddelandet för en orderändring (post {entry}) som Engage inte har bekräftat: försök igen med eller avsluta den ändringen först.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="178"/>
        <source>The till stopped or lost the connection while sending this order message, and Engage cannot tell whether the customer got it. Check with the customer, then resolve it (if sent) or retry it.</source>
        <translation>Kassan stannade eller tappade anslutningen medan ordermeddelandet skickades, och Engage kan inte säga om kunden fick det. Fråga kunden och avsluta sedan posten (om det kom fram) eller försök igen.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="158"/>
        <source>This entry&apos;s content has been cleared, so it cannot be sent: resolve it.</source>
        <translation>Postens innehåll har rensats, så den kan inte skickas: avsluta den.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="166"/>
        <source>Several customers in Engage share this registration&apos;s email, mobile number or personal number, so it was not sent. Merge them in Engage, or correct the registration, then retry it.</source>
        <translation>Flera kunder i Engage delar den här registreringens e-post, mobilnummer eller personnummer, så den skickades inte. Slå ihop dem i Engage eller rätta registreringen och försök sedan igen.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="181"/>
        <source>The till cannot send this {kind} as it stands. Check it, then retry or resolve it; IT can read why in its raw data.</source>
        <translation>Kassan kan inte skicka posten ({kind}) som den är. Kontrollera den och försök igen eller avsluta den; IT kan läsa varför i rådata.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="192"/>
        <source>Sent to Engage.</source>
        <translation>Skickad till Engage.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="194"/>
        <source>Sent by file ({file}); it will not be sent again.</source>
        <translation>Skickad via fil ({file}); den skickas inte igen.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="196"/>
        <location filename="../../core/office/entry_wording.py" line="252"/>
        <source>Closed without being sent; who and why are in the audit trail.</source>
        <translation>Avslutad utan att skickas; vem och varför står i loggen.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="198"/>
        <source>Being sent right now.</source>
        <translation>Skickas just nu.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="200"/>
        <source>Waits for entry {entry} ({kind}), which needs attention: fix that one first.</source>
        <translation>Väntar på post {entry} ({kind}) som behöver åtgärd: rätta den först.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="204"/>
        <source>Engage says this promotion or voucher was already used or has expired. Check the receipt; if the customer should not have had it, settle it in the store, then resolve this entry.</source>
        <translation>Engage säger att erbjudandet eller värdechecken redan är använd eller har gått ut. Kontrollera kvittot; om kunden inte skulle ha fått den, reglera det i butiken och avsluta sedan posten.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="207"/>
        <source>Engage disagrees with this change ({code}). Check it, then retry or resolve it.</source>
        <translation>Engage godtar inte ändringen ({code}). Kontrollera den och försök igen eller avsluta den.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="232"/>
        <source>Engage rejected {what}: correct it and retry.</source>
        <translation>Engage nekade {what}: rätta och försök igen.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="212"/>
        <source>Engage refused this {kind}, and whether an earlier attempt reached Engage is not known. Check it in Engage, then retry or resolve it.</source>
        <translation>Engage nekade posten ({kind}), och det är okänt om ett tidigare försök nådde Engage. Kontrollera i Engage och försök sedan igen eller avsluta den.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="233"/>
        <source>Engage refused this {kind}. Correct it and retry, or resolve it.</source>
        <translation>Engage nekade posten ({kind}). Rätta den och försök igen, eller avsluta den.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="248"/>
        <source>The marketing platform cannot take this order. Correct it and retry, or resolve it.</source>
        <translation>Marknadsplattformen kan inte ta emot ordern. Rätta den och försök igen, eller avsluta den.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="250"/>
        <source>The marketing platform did not take it yet; it will be tried again by itself.</source>
        <translation>Marknadsplattformen har inte tagit emot den än; nytt försök görs automatiskt.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="217"/>
        <source>Engage refused this till (its API key or its address): call IT. Everything is kept and will be sent once that is fixed.</source>
        <translation>Engage nekade den här kassan (API-nyckeln eller adressen): ring IT. Allt sparas och skickas när det är åtgärdat.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="219"/>
        <source>Engage did not answer; it will be tried again by itself.</source>
        <translation>Engage svarade inte; nytt försök görs automatiskt.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="220"/>
        <source>Waiting to be sent.</source>
        <translation>Väntar på att skickas.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="235"/>
        <source>Engage rejected {what} in this {kind}. Only a registration can be corrected here: retry this once the cause Engage gives is put right (in Engage, or by IT), or resolve it with the reason.</source>
        <translation>Engage nekade {what} i posten ({kind}). Bara en registrering kan rättas här: försök igen när det Engage anger som orsak är åtgärdat (i Engage eller av IT), eller avsluta posten med en motivering.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="238"/>
        <source>Engage refused this {kind}. Only a registration can be corrected here: retry this once the cause Engage gives is put right (in Engage, or by IT), or resolve it with the reason.</source>
        <translation>Engage nekade posten ({kind}). Bara en registrering kan rättas här: försök igen när det Engage anger som orsak är åtgärdat (i Engage eller av IT), eller avsluta posten med en motivering.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="246"/>
        <source>Sent to the marketing platform.</source>
        <translation>Skickad till marknadsplattformen.</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_wording.py" line="253"/>
        <source>Waiting to be sent to the marketing platform.</source>
        <translation>Väntar på att skickas till marknadsplattformen.</translation>
    </message>
    <message>
        <location filename="../../core/office/queue.py" line="68"/>
        <source>Say why the entry is closed without sending it</source>
        <translation>Ange varför posten avslutas utan att skickas</translation>
    </message>
    <message>
        <location filename="../../core/office/queue.py" line="88"/>
        <source>Only a registration can be corrected here</source>
        <translation>Bara en registrering kan rättas här</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="69"/>
        <source>registration</source>
        <translation>registrering</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="70"/>
        <source>contact update</source>
        <translation>kontaktändring</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="71"/>
        <source>upgrade to member</source>
        <translation>uppgradering till medlem</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="72"/>
        <source>promotion redemption</source>
        <translation>inlösen av erbjudande</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="73"/>
        <source>voucher redemption</source>
        <translation>inlösen av värdecheck</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="74"/>
        <source>receipt</source>
        <translation>kvitto</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="75"/>
        <source>order</source>
        <translation>order</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="76"/>
        <source>order change</source>
        <translation>orderändring</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="77"/>
        <source>order message</source>
        <translation>ordermeddelande</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="78"/>
        <source>order message (v2)</source>
        <translation>ordermeddelande (v2)</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="79"/>
        <source>order to marketing platform</source>
        <translation>order till marknadsplattformen</translation>
    </message>
    <message>
        <location filename="../../core/export/plan.py" line="52"/>
        <source>Export stopped before anything was committed: every entry is still in the queue</source>
        <translation>Exporten stoppades innan något sparades: alla poster ligger kvar i kön</translation>
    </message>
    <message>
        <location filename="../../core/engage/client.py" line="165"/>
        <source>Engage is offline: the till carries on and sends this later</source>
        <translation>Engage är offline: kassan fortsätter och skickar detta senare</translation>
    </message>
    <message>
        <location filename="../../core/engage/client.py" line="220"/>
        <source>Cannot connect to Engage ({reason})</source>
        <translation>Kan inte ansluta till Engage ({reason})</translation>
    </message>
    <message>
        <location filename="../../core/engage/client.py" line="224"/>
        <source>Engage did not answer within {seconds} s</source>
        <translation>Engage svarade inte inom {seconds} s</translation>
    </message>
    <message>
        <location filename="../../core/engage/client.py" line="229"/>
        <source>The connection to Engage was lost ({reason})</source>
        <translation>Anslutningen till Engage bröts ({reason})</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="54"/>
        <source>Engage could not be reached properly: something in between answered {status} with a web page</source>
        <translation>Engage gick inte att nå ordentligt: något däremellan svarade {status} med en webbsida</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="62"/>
        <source>Engage is busy (too many requests): it will be tried again</source>
        <translation>Engage är upptagen (för många anrop): nytt försök görs</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="66"/>
        <source>Engage had an internal error: {message}</source>
        <translation>Engage fick ett internt fel: {message}</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="70"/>
        <source>Engage refused the API key: check it in settings (IT)</source>
        <translation>Engage nekade API-nyckeln: kontrollera den i inställningarna (IT)</translation>
    </message>
    <message>
        <location filename="../../core/engage/responses.py" line="71"/>
        <source>Engage does not allow this till&apos;s address: call IT</source>
        <translation>Engage tillåter inte den här kassans adress: ring IT</translation>
    </message>
    <message>
        <location filename="../../core/till/payment_methods.py" line="24"/>
        <source>Card</source>
        <translation>Kort</translation>
    </message>
    <message>
        <location filename="../../core/till/payment_methods.py" line="24"/>
        <source>Cash</source>
        <translation>Kontant</translation>
    </message>
    <message>
        <location filename="../../core/till/payment_methods.py" line="24"/>
        <source>Swish</source>
        <translation>Swish</translation>
    </message>
    <message>
        <location filename="../../core/till/payment_methods.py" line="25"/>
        <source>Gift voucher</source>
        <translation>Presentkort</translation>
    </message>
    <message>
        <location filename="../../core/till/codes.py" line="63"/>
        <source>&apos;{code}&apos; cannot be checked: Engage cannot be reached, so this customer&apos;s offers are not known</source>
        <translation>&apos;{code}&apos; kan inte kontrolleras: Engage går inte att nå, så kundens erbjudanden är okända</translation>
    </message>
    <message>
        <location filename="../../core/till/codes.py" line="49"/>
        <source>&apos;{code}&apos; is no card of this store and no product barcode; if it is a voucher or offer code, identify the customer first, then scan it again</source>
        <translation>&apos;{code}&apos; är varken ett kort i den här butiken eller en varustreckkod; om det är en värdecheck eller erbjudandekod, identifiera kunden först och skanna den sedan igen</translation>
    </message>
    <message>
        <location filename="../../core/till/codes.py" line="54"/>
        <source>No customer found by &apos;{code}&apos;: it is no card number, email address or mobile number</source>
        <translation>Ingen kund hittades med &apos;{code}&apos;: det är varken ett kortnummer, en e-postadress eller ett mobilnummer</translation>
    </message>
    <message>
        <location filename="../../core/till/codes.py" line="56"/>
        <source>&apos;{code}&apos; is an offer code: identify the customer first (card, email, mobile or personal number), then scan or type the code again</source>
        <translation>&apos;{code}&apos; är en erbjudandekod: identifiera kunden först (kort, e-post, mobilnummer eller personnummer), skanna eller skriv sedan koden igen</translation>
    </message>
    <message>
        <location filename="../../core/till/codes.py" line="65"/>
        <source>&apos;{code}&apos; is not a code of any offer {name} can use today (unknown, used or expired)</source>
        <translation>&apos;{code}&apos; är inte koden till något erbjudande som {name} kan använda i dag (okänd, använd eller utgången)</translation>
    </message>
    <message>
        <location filename="../../core/till/codes.py" line="70"/>
        <source>&apos;{code}&apos; selected the offer &apos;{name}&apos;</source>
        <translation>&apos;{code}&apos; valde erbjudandet &apos;{name}&apos;</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="139"/>
        <source>&apos;{name}&apos; was sold by weight: return it without the original sale (a manager approves the refund)</source>
        <translation>&apos;{name}&apos; såldes efter vikt: returnera den utan det ursprungliga köpet (en chef godkänner återbetalningen)</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="264"/>
        <source>The offers used on this sale stay used: it is never returned in full here, since &apos;{name}&apos; was sold by weight (a manager can give them back in Engage)</source>
        <translation>Erbjudandena som användes vid köpet förblir använda: köpet returneras aldrig helt här, eftersom &apos;{name}&apos; såldes efter vikt (en chef kan ge tillbaka dem i Engage)</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="98"/>
        <source>1 line</source>
        <translation>1 rad</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="98"/>
        <source>{count} lines</source>
        <translation>{count} rader</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="99"/>
        <source>Receipt {number}, {when}: {lines}, {total} {currency}</source>
        <translation>Kvitto {number}, {when}: {lines}, {total} {currency}</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="136"/>
        <source>&apos;{name}&apos; was not bought on this receipt (a returned or adjusted line)</source>
        <translation>&apos;{name}&apos; köptes inte på det här kvittot (en returnerad eller justerad rad)</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="142"/>
        <source>&apos;{name}&apos;: {bought} bought, {returned} returned already; {asked} more cannot come back</source>
        <translation>&apos;{name}&apos;: {bought} köpta, {returned} redan returnerade; {asked} till kan inte lämnas tillbaka</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="157"/>
        <source>&apos;{text}&apos; holds control characters inside it: scan the code again or type it</source>
        <translation>&apos;{text}&apos; innehåller styrtecken: skanna koden igen eller skriv den</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="335"/>
        <source>A promotion of this sale cannot be given back: the till no longer knows which one it was</source>
        <translation>En kampanj på det här köpet kan inte ges tillbaka: kassan vet inte längre vilken det var</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="131"/>
        <location filename="../../core/till/returns.py" line="240"/>
        <source>A quantity to return is a whole number of 0 or more</source>
        <translation>Antalet att returnera är ett heltal, 0 eller mer</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="141"/>
        <source>Returns are made at the POS while it is linked: a refund booked here the POS would never hear of</source>
        <translation>Returer görs i kassasystemet medan det är kopplat: en återbetalning som bokas här skulle kassasystemet aldrig få veta om</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="144"/>
        <source>Make the return at the POS: this till is set up to work with a linked POS, and a refund booked here the POS would never hear of</source>
        <translation>Gör returen i kassasystemet: pos-engage är inställt på att arbeta med ett kopplat kassasystem, och en återbetalning som bokas här skulle kassasystemet aldrig få veta om</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="211"/>
        <source>Refund {total} {currency}: give back {cash} in cash</source>
        <translation>Återbetala {total} {currency}: ge tillbaka {cash} kontant</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="214"/>
        <source>{refund} (no customer: counted, not sent to Engage)</source>
        <translation>{refund} (ingen kund: räknad, inte skickad till Engage)</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="360"/>
        <source>A return without the original sale needs a manager&apos;s approval</source>
        <translation>En retur utan det ursprungliga köpet kräver en chefs godkännande</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="365"/>
        <source>Add the articles that come back</source>
        <translation>Lägg till artiklarna som lämnas tillbaka</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="388"/>
        <source>Refund {total} {currency}, approved by {who}: give back {cash} in cash</source>
        <translation>Återbetala {total} {currency}, godkänt av {who}: ge tillbaka {cash} kontant</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="188"/>
        <source>Engage cannot be reached or does not know the customer yet: her purchases cannot be looked up now</source>
        <translation>Engage går inte att nå eller känner inte kunden än: hennes köp kan inte hämtas nu</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="59"/>
        <source>Engage holds no price for &apos;{name}&apos; on this sale: return it without the original sale (a manager approves the refund)</source>
        <translation>Engage har inget pris för &apos;{name}&apos; på det här köpet: returnera utan det ursprungliga köpet (en chef godkänner återbetalningen)</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="209"/>
        <source>Engage holds no purchases of {name} to return</source>
        <translation>Engage har inga köp av {name} att returnera</translation>
    </message>
    <message>
        <location filename="../../core/journal/give_backs.py" line="72"/>
        <source>Engage no longer lists voucher {id} for this customer: look in Engage, then resolve or retry</source>
        <translation>Engage visar inte längre värdecheck {id} för kunden: titta i Engage, stäng sedan eller försök igen</translation>
    </message>
    <message>
        <location filename="../../core/journal/give_backs.py" line="40"/>
        <source>Engage would not give back voucher {id} for the return of sale {sale} ({reason}): the customer did not get it back; the store decides</source>
        <translation>Engage ville inte ge tillbaka värdecheck {id} vid returen av köp {sale} ({reason}): kunden fick den inte tillbaka; butiken avgör</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="207"/>
        <source>No purchase of {name} in Engage has number {number}</source>
        <translation>Inget köp av {name} i Engage har nummer {number}</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="116"/>
        <source>No sale at this till has receipt number {number}: check the number on the slip, or look in the customer&apos;s purchases in Engage</source>
        <translation>Inget köp i den här kassan har kvittonummer {number}: kontrollera numret på kvittot, eller titta bland kundens köp i Engage</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="244"/>
        <source>Pick at least one line and how many come back</source>
        <translation>Välj minst en rad och hur många som lämnas tillbaka</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="108"/>
        <source>Receipt {number} is a return, not a sale: find the sale it returned</source>
        <translation>Kvitto {number} är en retur, inte ett köp: hitta köpet som returnerades</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="105"/>
        <source>Receipt {number} is older than this till keeps its sales: find it in the customer&apos;s purchases in Engage</source>
        <translation>Kvitto {number} är äldre än kassan sparar sina köp: hitta det bland kundens köp i Engage</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="210"/>
        <source>Refund {total} {currency}</source>
        <translation>Återbetala {total} {currency}</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="386"/>
        <source>Refund {total} {currency}, approved by {who}</source>
        <translation>Återbetala {total} {currency}, godkänt av {who}</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="363"/>
        <source>Say why the original sale cannot be found</source>
        <translation>Säg varför det ursprungliga köpet inte går att hitta</translation>
    </message>
    <message>
        <location filename="../../core/till/service.py" line="144"/>
        <source>That is a customer&apos;s {kind}, not an offer code</source>
        <translation>Det är en kunds {kind}, inte en erbjudandekod</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="112"/>
        <source>Receipt {number} was a sale without a customer: the till counted it but did not keep its lines, so it cannot be returned against. Open “No original sale (a manager approves)”, type the articles and the price paid, and press “Manager&apos;s approval and refund”</source>
        <translation>Kvitto {number} var ett köp utan kund: kassan räknade det men sparade inte dess rader, så det går inte att returnera mot kvittot. Öppna ”Inget ursprungligt köp (en chef godkänner)”, skriv in artiklarna och priset som betalades och tryck på ”Chefens godkännande och återbetalning”</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="137"/>
        <source>That is too long for a receipt number ({count} characters)</source>
        <translation>Det är för långt för ett kvittonummer ({count} tecken)</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="202"/>
        <source>The customer&apos;s purchases could not be fetched from Engage ({why}): try again, or find the sale by its receipt number</source>
        <translation>Kundens köp kunde inte hämtas från Engage ({why}): försök igen, eller hitta köpet med kvittonumret</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="210"/>
        <source>{count} purchases of {name}: pick the one being returned</source>
        <translation>{count} köp av {name}: välj det som returneras</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="267"/>
        <source>The offers used on this sale are given back only when the whole sale is returned</source>
        <translation>Erbjudandena som användes på köpet ges tillbaka först när hela köpet returneras</translation>
    </message>
    <message>
        <location filename="../../core/journal/give_backs.py" line="31"/>
        <location filename="../../core/office/entry_wording.py" line="162"/>
        <source>The original sale&apos;s redemption (entry {entry}) is {status}, not delivered: Engage never took the offer for that sale, so there is nothing to give back. Resolve this entry</source>
        <translation>Inlösen för det ursprungliga köpet (post {entry}) är {status}, inte levererad: Engage tog aldrig erbjudandet för det köpet, så det finns inget att ge tillbaka. Stäng den här posten</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="322"/>
        <source>The promotions used on this sale stay used (the store&apos;s rule)</source>
        <translation>Kampanjerna som användes på köpet förblir använda (butikens regel)</translation>
    </message>
    <message>
        <location filename="../../core/till/return_pricing.py" line="134"/>
        <source>The sale has no line {line}</source>
        <translation>Köpet har ingen rad {line}</translation>
    </message>
    <message>
        <location filename="../../core/journal/give_backs.py" line="59"/>
        <source>This give-back may have reached Engage, and the customer it belongs to is not known to check: look in Engage, then resolve or retry it</source>
        <translation>Återlämningen kan ha nått Engage, och kunden den gäller är okänd så det går inte att kontrollera: titta i Engage, stäng den sedan eller försök igen</translation>
    </message>
    <message>
        <location filename="../../core/journal/give_backs.py" line="64"/>
        <source>This promotion may have been given back already, and the till did not know the customer&apos;s promotions at the return to tell: look in Engage</source>
        <translation>Kampanjen kan redan ha getts tillbaka, och kassan kände inte till kundens kampanjer vid returen: titta i Engage</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="230"/>
        <source>This return was saved already: refund {total} {currency}</source>
        <translation>Returen är redan sparad: återbetala {total} {currency}</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="296"/>
        <source>This sale was made at another till: a voucher or promotion it used is not given back from here (a manager can do it in Engage)</source>
        <translation>Köpet gjordes i en annan kassa: en värdecheck eller kampanj som användes ges inte tillbaka härifrån (en chef kan göra det i Engage)</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="141"/>
        <source>Type the receipt number or scan the slip&apos;s barcode</source>
        <translation>Skriv kvittonumret eller skanna kvittots streckkod</translation>
    </message>
    <message>
        <location filename="../../core/journal/give_backs.py" line="78"/>
        <source>Voucher {id} is redeemed, and the till did not see its use at the return to tell it from a later one: look in Engage, then resolve or retry</source>
        <translation>Värdecheck {id} är inlöst, och kassan såg inte användningen vid returen för att skilja den från en senare: titta i Engage, stäng sedan eller försök igen</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="313"/>
        <source>Voucher {number} expired on {day}: it is not given back (the refund is what the customer paid)</source>
        <translation>Värdecheck {number} gick ut {day}: den ges inte tillbaka (återbetalningen är det kunden betalade)</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="81"/>
        <source>promotion given back (return)</source>
        <translation>kampanj given tillbaka (retur)</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="349"/>
        <source>promotion {id} is given again</source>
        <translation>kampanj {id} ges igen</translation>
    </message>
    <message>
        <location filename="../../core/journal/entry.py" line="80"/>
        <source>voucher given back (return)</source>
        <translation>värdecheck given tillbaka (retur)</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="348"/>
        <source>voucher {id} is reactivated</source>
        <translation>värdecheck {id} återaktiveras</translation>
    </message>
    <message>
        <location filename="../../core/till/scan.py" line="141"/>
        <source>{count} characters were scanned or typed: that is no card, email, mobile number or code (at most {most}); clear the field and try again</source>
        <translation>{count} tecken skannades eller skrevs: det är inget kort, ingen e-post, inget mobilnummer och ingen kod (högst {most}); töm fältet och försök igen</translation>
    </message>
    <message>
        <location filename="../../core/till/return_finder.py" line="121"/>
        <source>{count} sales have receipt number {number}: pick the customer&apos;s by its date and total</source>
        <translation>{count} köp har kvittonummer {number}: välj kundens efter datum och summa</translation>
    </message>
    <message>
        <location filename="../../core/journal/redemptions.py" line="117"/>
        <source>Engage shows {offer} redeemed at {when}, while this till&apos;s attempt for sale {sale} was out and got no answer (from {start} to {until}): most likely sale {sale} used it, but another till using it at that moment would look the same. Check in Engage that only sale {sale} used it, then resolve this entry; if another sale used it too, sale {sale} gave its discount twice</source>
        <translation>Engage visar {offer} som inlöst {when}, medan kassans försök för köp {sale} var ute och inte fick något svar (från {start} till {until}): troligen var det köp {sale} som använde det, men om en annan kassa använde det i samma stund skulle det se likadant ut. Kontrollera i Engage att bara köp {sale} använde det och avsluta sedan posten; om även ett annat köp använde det har köp {sale} gett rabatten två gånger</translation>
    </message>
    <message>
        <location filename="../../core/export/ask_first.py" line="74"/>
        <source>its last attempt may have reached Engage, which cannot be asked about it: it is sent again by API when Engage answers (Engage drops a repeat), never also by file</source>
        <translation>det senaste försöket kan ha nått Engage, som inte kan tillfrågas om den: posten skickas igen via API när Engage svarar (Engage bortser från en upprepning), aldrig också som fil</translation>
    </message>
    <message>
        <location filename="../../core/export/ask_first.py" line="88"/>
        <source>a conflict for the manager: {why}</source>
        <translation>en konflikt för butikschefen: {why}</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="81"/>
        <source>A return takes no offers: what it refunds is what was paid</source>
        <translation>En retur tar inga erbjudanden: den återbetalar det som betalades</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="64"/>
        <source>A return without the original sale needs a manager&apos;s approval: make it in the companion&apos;s window, or name the original sale with returnOf</source>
        <translation>En retur utan originalköpet kräver en chefs godkännande: gör den i följeslagarens fönster, eller ange originalköpet med returnOf</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="152"/>
        <source>No sale has that number</source>
        <translation>Inget köp har det numret</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="186"/>
        <source>the original sale has no line {line} (the index of a line in returnOf.lines: 0 to {last})</source>
        <translation>det ursprungliga köpet har ingen rad {line} (index för en rad i returnOf.lines: 0 till {last})</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="236"/>
        <source>Sale {sale} is a sale, not a return: open the return under a posSaleId of its own</source>
        <translation>Försäljning {sale} är ett köp, inte en retur: öppna returen med ett eget posSaleId</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="167"/>
        <source>The original sale was in {currency}</source>
        <translation>Originalköpet var i {currency}</translation>
    </message>
    <message>
        <location filename="../../core/till/returns.py" line="182"/>
        <source>The refund is now {total} {currency}: another return of this sale came first</source>
        <translation>Återbetalningen är nu {total} {currency}: en annan retur av detta köp kom först</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="202"/>
        <location filename="../../core/till/pos_return_input.py" line="140"/>
        <source>The return cannot be taken</source>
        <translation>Returen kan inte tas emot</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="61"/>
        <source>a return names the original sale (returnOf, originalLine)</source>
        <translation>en retur anger originalköpet (returnOf, originalLine)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="138"/>
        <source>is needed to look in the customer&apos;s purchases in Engage (searchEngage)</source>
        <translation>behövs för att söka i kundens köp i Engage (searchEngage)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="94"/>
        <source>is not a field of a return</source>
        <translation>är inget fält i en retur</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="66"/>
        <source>is not a field of a return line (the rest comes from the original sale&apos;s line)</source>
        <translation>är inget fält i en returrad (resten kommer från originalköpets rad)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="102"/>
        <source>is not a field of returnOf</source>
        <translation>är inget fält i returnOf</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="129"/>
        <source>is returned by line {line} already: one return line per line of the original</source>
        <translation>returneras redan av rad {line}: en returrad per rad i originalet</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="194"/>
        <source>is {sku} on that line of the original sale</source>
        <translation>är {sku} på den raden i originalköpet</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="78"/>
        <source>must be a negative whole number: the units that come back</source>
        <translation>måste vara ett negativt heltal: antalet som lämnas tillbaka</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="73"/>
        <source>must be the index (0, 1, ...) of a line in returnOf.lines</source>
        <translation>måste vara index (0, 1, ...) för en rad i returnOf.lines</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="197"/>
        <source>must be {total}: what was paid for those units (or leave it out)</source>
        <translation>måste vara {total}: det som betalades för dessa enheter (eller utelämna det)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="105"/>
        <source>must name the original sale by receiptNumber or uniqueReceiptId (one of them)</source>
        <translation>måste ange originalköpet med receiptNumber eller uniqueReceiptId (ett av dem)</translation>
    </message>
    <message>
        <location filename="../../core/till/pos_return_input.py" line="98"/>
        <source>must name the original sale: {&quot;receiptNumber&quot;: ...} or {&quot;uniqueReceiptId&quot;: ...}</source>
        <translation>måste ange originalköpet: {&quot;receiptNumber&quot;: ...} eller {&quot;uniqueReceiptId&quot;: ...}</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="156"/>
        <source>name the sale by its uniqueReceiptId (see candidates)</source>
        <translation>ange köpet med dess uniqueReceiptId (se candidates)</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="162"/>
        <source>Nothing of receipt {number} is left that can be returned here: its lines are returned already, or weighed (a weighed article is not returned by units)</source>
        <translation>Inget av kvitto {number} finns kvar att returnera här: raderna är redan returnerade, eller vägda (en vägd vara returneras inte styckvis)</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="165"/>
        <source>nothing is left to return</source>
        <translation>inget finns kvar att returnera</translation>
    </message>
    <message>
        <location filename="../../core/till/session_returns.py" line="169"/>
        <source>the original sale was in {currency}</source>
        <translation>originalköpet var i {currency}</translation>
    </message>
    <message>
        <location filename="../../link/server.py" line="33"/>
        <source>The POS link listens on this computer only (127.0.0.1 or ::1), not on {host}: another computer on the shop&apos;s network must not reach the till</source>
        <translation>POS-länken lyssnar bara på den här datorn (127.0.0.1 eller ::1), inte på {host}: en annan dator i butikens nätverk får inte nå pos-engage</translation>
    </message>
    <message>
        <location filename="../../link/server.py" line="110"/>
        <source>The POS link cannot listen on {host}:{port}: {problem} (another program, or another pos-engage, uses it? pos_link.port chooses another)</source>
        <translation>POS-länken kan inte lyssna på {host}:{port}: {problem} (använder ett annat program, eller en annan pos-engage, den? pos_link.port väljer en annan)</translation>
    </message>
    <message>
        <location filename="../../link/server.py" line="123"/>
        <source>The POS link stopped while starting</source>
        <translation>POS-länken stannade medan den startade</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="43"/>
        <source>No manager action yet</source>
        <translation>Ingen åtgärd av butikschef ännu</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="46"/>
        <source>sent again</source>
        <translation>skickas igen</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="46"/>
        <source>closed without sending</source>
        <translation>avslutad utan att skickas</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="47"/>
        <source>corrected</source>
        <translation>rättad</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="47"/>
        <source>personal data shown</source>
        <translation>personuppgifter visade</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="48"/>
        <source>exported to a file</source>
        <translation>exporterad till fil</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="52"/>
        <source>in this till&apos;s window</source>
        <translation>i pos-engage-fönstret</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="53"/>
        <source>in this till&apos;s window, from a basket file the POS left</source>
        <translation>i pos-engage-fönstret, från en varukorgsfil som kassasystemet lämnade</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="54"/>
        <source>in this till&apos;s window, from a receipt file the POS left</source>
        <translation>i pos-engage-fönstret, från en kvittofil som kassasystemet lämnade</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="55"/>
        <source>at the POS, through the POS link</source>
        <translation>i kassasystemet, via POS-länken</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="56"/>
        <source>at the POS, through the POS link (HTTP)</source>
        <translation>i kassasystemet, via POS-länken (HTTP)</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="57"/>
        <source>at the POS, through the POS link&apos;s folders</source>
        <translation>i kassasystemet, via POS-länkens mappar</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="58"/>
        <source>at the command line (receipt submit)</source>
        <translation>på kommandoraden (receipt submit)</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="60"/>
        <source>window</source>
        <translation>fönstret</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="60"/>
        <source>basket file</source>
        <translation>varukorgsfil</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="61"/>
        <source>receipt file</source>
        <translation>kvittofil</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="61"/>
        <source>POS link</source>
        <translation>POS-länken</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="62"/>
        <source>POS link (HTTP)</source>
        <translation>POS-länken (HTTP)</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="62"/>
        <source>POS link (folders)</source>
        <translation>POS-länken (mappar)</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="63"/>
        <source>command line</source>
        <translation>kommandoraden</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="74"/>
        <source>Who rang it up and where is not recorded (journaled before this version)</source>
        <translation>Vem som slog in det och var är inte sparat (journalfört före den här versionen)</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="75"/>
        <source>unknown</source>
        <translation>okänt</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="90"/>
        <source>Submitted at the command line (receipt submit); no person is recorded</source>
        <translation>Skickat från kommandoraden (receipt submit); ingen person är sparad</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="95"/>
        <source>Rung up by {who}, {where}</source>
        <translation>Inslaget av {who}, {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="96"/>
        <source>Rung up {where}; nobody was signed in at the till</source>
        <translation>Inslaget {where}; ingen var inloggad i kassan</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="98"/>
        <source>Registered by {who}, {where}</source>
        <translation>Registrerad av {who}, {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="99"/>
        <source>Registered {where}; nobody was signed in at the till</source>
        <translation>Registrerad {where}; ingen var inloggad i kassan</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="101"/>
        <source>Changed by {who}, {where}</source>
        <translation>Ändrad av {who}, {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="102"/>
        <source>Changed {where}; nobody was signed in at the till</source>
        <translation>Ändrad {where}; ingen var inloggad i kassan</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="103"/>
        <source>Made by {who}, {where}</source>
        <translation>Gjord av {who}, {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="104"/>
        <source>Made {where}; nobody was signed in at the till</source>
        <translation>Gjord {where}; ingen var inloggad i kassan</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="109"/>
        <source>Rung up {where}; till {till} is shared, nobody signs in</source>
        <translation>Inslaget {where}; kassa {till} är delad, ingen loggar in</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="111"/>
        <source>Registered {where}; till {till} is shared, nobody signs in</source>
        <translation>Registrerad {where}; kassa {till} är delad, ingen loggar in</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="113"/>
        <source>Changed {where}; till {till} is shared, nobody signs in</source>
        <translation>Ändrad {where}; kassa {till} är delad, ingen loggar in</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="114"/>
        <source>Made {where}; till {till} is shared, nobody signs in</source>
        <translation>Gjord {where}; kassa {till} är delad, ingen loggar in</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="122"/>
        <location filename="../../core/office/entry_description.py" line="134"/>
        <source>{who} · {where}</source>
        <translation>{who} · {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="122"/>
        <location filename="../../core/office/entry_description.py" line="133"/>
        <source>nobody signed in</source>
        <translation>ingen inloggad</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="132"/>
        <source>till {till}</source>
        <translation>kassa {till}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="157"/>
        <source>Order {order}</source>
        <translation>Order {order}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="159"/>
        <source>Message for order {order}</source>
        <translation>Meddelande om order {order}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="187"/>
        <source>no payment</source>
        <translation>ingen betalning</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="190"/>
        <source>Return {number} of receipt {original} — {amount}, {payment} — {origin}</source>
        <translation>Retur {number} av kvitto {original} — {amount}, {payment} — {origin}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="193"/>
        <source>Return {number} of receipt {original} — {amount}, {payment}</source>
        <translation>Retur {number} av kvitto {original} — {amount}, {payment}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="196"/>
        <source>Receipt {number} — {amount}, {payment} — {origin}</source>
        <translation>Kvitto {number} — {amount}, {payment} — {origin}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="198"/>
        <source>Receipt {number} — {amount}, {payment}</source>
        <translation>Kvitto {number} — {amount}, {payment}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="211"/>
        <source>sale {sale}</source>
        <translation>köp {sale}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="213"/>
        <source>receipt id {id}</source>
        <translation>kvitto-id {id}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="216"/>
        <location filename="../../core/office/entry_description.py" line="223"/>
        <source>rung up in this till&apos;s window</source>
        <translation>slaget i pos-engage-fönstret</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="218"/>
        <source>from a file the POS left, finished in this till&apos;s window</source>
        <translation>från en fil som kassasystemet lämnade, avslutat i pos-engage-fönstret</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="220"/>
        <source>submitted at the command line (receipt id {id})</source>
        <translation>skickat från kommandoraden (kvitto-id {id})</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="225"/>
        <source>from the POS (sale {sale})</source>
        <translation>från kassasystemet (köp {sale})</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="226"/>
        <source>from the POS (receipt id {id})</source>
        <translation>från kassasystemet (kvitto-id {id})</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="260"/>
        <source>for receipt {number}, {origin}</source>
        <translation>för kvitto {number}, {origin}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="263"/>
        <source>for receipt {number}</source>
        <translation>för kvitto {number}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="265"/>
        <source>for sale {sale} (its receipt is not in this journal)</source>
        <translation>för köp {sale} (dess kvitto finns inte i den här journalen)</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="267"/>
        <source>not tied to a sale</source>
        <translation>inte knutet till något köp</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="269"/>
        <source>Voucher &apos;{name}&apos; {where}</source>
        <translation>Värdecheck &apos;{name}&apos; {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="270"/>
        <source>Voucher {where}</source>
        <translation>Värdecheck {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="271"/>
        <source>Offer &apos;{name}&apos; {where}</source>
        <translation>Erbjudande &apos;{name}&apos; {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="272"/>
        <source>Offer {where}</source>
        <translation>Erbjudande {where}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="294"/>
        <source>{when}  {what} by {who}: {why}</source>
        <translation>{when}  {what} av {who}: {why}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="295"/>
        <source>{when}  {what} by {who}</source>
        <translation>{when}  {what} av {who}</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="310"/>
        <source>IT: {name}, without a PIN</source>
        <translation>IT: {name}, utan PIN-kod</translation>
    </message>
    <message>
        <location filename="../../core/office/entry_description.py" line="312"/>
        <source>manager (the till&apos;s PIN)</source>
        <translation>chef (kassans PIN-kod)</translation>
    </message>
    <message>
        <location filename="../../core/till/offline_copies.py" line="125"/>
        <source>Engage no longer holds &apos;{offer}&apos; for the customer (used elsewhere meanwhile?): it stays applied unless it is taken off; kept, Engage refuses it after the sale and the manager sees it</source>
        <translation>Engage har inte längre &apos;{offer}&apos; för kunden (använt någon annanstans under tiden?): det ligger kvar om det inte tas bort; behålls det avvisar Engage det efter köpet och butikschefen ser det</translation>
    </message>
    <message>
        <location filename="../../core/export/upload.py" line="48"/>
        <source>{uploaded} uploaded, {failed} not uploaded: {why}</source>
        <translation>{uploaded} laddades upp, {failed} laddades inte upp: {why}</translation>
    </message>
    <message>
        <location filename="../../core/export/upload.py" line="50"/>
        <source>{uploaded} uploaded</source>
        <translation>{uploaded} laddades upp</translation>
    </message>
    <message>
        <location filename="../../core/journal/errors.py" line="75"/>
        <source>The journal file on this till is damaged: the till cannot record sales in it now. Nothing recorded before is deleted. Restart the till: it sets the damaged file aside and starts a new journal. Then give the set-aside file to IT (&apos;pos-engage journal recover&apos;).</source>
        <translation>Journalfilen på den här kassan är skadad: pos-engage kan inte spara köp i den nu. Inget som redan sparats raderas. Starta om pos-engage: det flyttar undan den skadade filen och börjar en ny journal. Ge sedan den undanflyttade filen till IT (&apos;pos-engage journal recover&apos;).</translation>
    </message>
    <message>
        <location filename="../../core/till/hand_over.py" line="48"/>
        <source>{offer}: {what} (code {code})</source>
        <translation>{offer}: {what} (kod {code})</translation>
    </message>
    <message>
        <location filename="../../core/till/hand_over.py" line="50"/>
        <source>{offer}: {what}</source>
        <translation>{offer}: {what}</translation>
    </message>
    <message>
        <location filename="../../core/till/hand_over.py" line="52"/>
        <source>{offer}: give the customer the code {code}</source>
        <translation>{offer}: ge kunden koden {code}</translation>
    </message>
    <message>
        <location filename="../../core/till/return_quote.py" line="59"/>
        <source>Engage holds no price for a line picked</source>
        <translation>Engage har inget pris för en vald rad</translation>
    </message>
    <message>
        <location filename="../../core/till/return_quote.py" line="63"/>
        <source>Refund: {total} {currency}</source>
        <translation>Återbetalning: {total} {currency}</translation>
    </message>
    <message>
        <location filename="../../core/till/return_quote.py" line="68"/>
        <source>Refund: {total} {currency}. Give back {cash} in cash (cash rounding +{rounding})</source>
        <translation>Återbetalning: {total} {currency}. Ge tillbaka {cash} kontant (öresavrundning +{rounding})</translation>
    </message>
    <message>
        <location filename="../../core/till/return_quote.py" line="70"/>
        <source>Refund: {total} {currency}. Give back {cash} in cash (cash rounding −{rounding})</source>
        <translation>Återbetalning: {total} {currency}. Ge tillbaka {cash} kontant (öresavrundning −{rounding})</translation>
    </message>
</context>
</TS>
